"""Hand-over: a receiving point hands a batch of received dossiers to the lead agency, with a numbered list.

Every dossier of the batch is transferred (``dossier_transfer``) in the same transaction as the
:class:`HandOver` that lists it, so the list and the dossiers' history never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.agencies.selectors import user_may_receive_at
from motcua.audit.services import audit_event_append
from motcua.core.localtime import local_date

from .. import errors
from ..lifecycle import Status
from ..models import Dossier, HandOver
from .locks import dossiers_lock, receiving_point_lock
from .transitions import dossier_transfer

NUMBER_PREFIX = "BG"


def handover_number(*, point: ReceivingPoint, day: Any, sequence: int) -> str:
    """``BG-<point code>-<yymmdd>-<nn>``: numbered per receiving point and day."""
    return f"{NUMBER_PREFIX}-{point.code}-{day:%y%m%d}-{sequence:02d}"


def _next_number(*, point: ReceivingPoint, now: datetime) -> str:
    """The next free number of the point's day. The caller holds the point's row lock, so two hand-overs of
    one point cannot take the same number; the unique constraint on ``number`` is the last guard."""
    day = local_date(now)
    prefix = handover_number(point=point, day=day, sequence=0)[:-2]
    taken = HandOver.objects.filter(receiving_point=point, number__startswith=prefix).count()
    return handover_number(point=point, day=day, sequence=taken + 1)


@transaction.atomic
def dossier_handover(
    *,
    point: ReceivingPoint,
    agency: Agency,
    dossiers: Iterable[Dossier],
    actor: Any,
    note: str = "",
    now: datetime | None = None,
) -> HandOver:
    """Hand ``dossiers`` received at ``point`` to their lead agency ``agency``; one :class:`HandOver` lists them.

    Idempotent: a dossier already handed over is not handed again. When every dossier asked for has
    already been handed over (a double-clicked or resent form), the hand-over that took them is answered
    and nothing changes.
    """
    ids = sorted({d.pk for d in dossiers})
    if not ids:
        raise errors.handover_empty()
    if not user_may_receive_at(user=actor, point=point):
        raise errors.not_permitted(action=_("hand over"))
    # The point's row lock serialises its hand-overs: the numbering and the "already handed" check below.
    # The point first, then the whole batch by id, before the first transfer appends to the audit chain
    # (docs/architecture.md, "Lock order").
    receiving_point_lock(point_id=point.pk)
    batch = dossiers_lock(ids=ids)
    for dossier in batch:
        if dossier.receiving_point_id != point.pk or dossier.lead_agency_id != agency.pk:
            raise errors.handover_dossier_not_in_batch(code=dossier.code, agency=agency.name, point=point.name)
    handed = set(HandOver.objects.filter(dossiers__in=ids).values_list("dossiers", flat=True))
    # Handed over already (a resent form), or transferred, refused or withdrawn since the list was shown:
    # not handed (again).
    pending = [d for d in batch if d.pk not in handed and d.status == Status.RECEIVED]
    if not pending:
        earlier = (
            HandOver.objects.filter(receiving_point=point, agency=agency, dossiers__in=ids).order_by("-pk").first()
        )
        if earlier is None:
            raise errors.handover_empty()
        return earlier
    moment = now or timezone.now()
    handover = HandOver.objects.create(
        number=_next_number(point=point, now=moment),
        receiving_point=point,
        agency=agency,
        handed_by=actor,
        handed_at=moment,
        note=note.strip(),
    )
    for dossier in pending:
        dossier_transfer(dossier=dossier, actor=actor, now=moment)
    handover.dossiers.set(pending)
    audit_event_append(
        action="dossier.handover",
        actor=actor,
        object_type="dossiers.handover",
        object_id=handover.number,
        payload={"agency": agency.code, "point": point.code, "dossiers": [d.code for d in pending]},
    )
    return handover
