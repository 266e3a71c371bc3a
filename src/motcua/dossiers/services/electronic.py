"""What the applicant changes from My dossiers (issue 14; docs/my-dossiers.md): how the result comes back, and the
return of a signed electronic result by its first download.

Both lock the dossier row and check their preconditions there (``checks.return_change_refusal``,
``checks.electronic_return_refusal``: the same functions the pages ask before they offer anything), then write the
dossier and one history event (with its audit line and outbox message) together.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.input_guard import LARGEST_INTEGER

from .. import errors
from ..checks import electronic_return_refusal, return_change_refusal
from ..lifecycle import Action, Status
from ..models import Dossier, DossierStep, ReturnMethod, StepStatus
from . import errors as applicant_errors
from .history import dossier_event_record
from .locks import dossier_lock

# The history event of a change of return method: not a lifecycle action (the state does not change).
RETURN_METHOD_CHANGED = "change_return_method"
# How the person who received an electronic result was identified: the account they signed in with.
IDENTIFIED_BY_ACCOUNT = "citizen_account"


@transaction.atomic
def dossier_return_method_change(
    *,
    dossier: Dossier,
    actor: Any,
    method: ReturnMethod | str,
    address: str = "",
    commune_code: str = "",
    postage: int | None = None,
) -> Dossier:
    """Change how the result of ``dossier`` comes back: at the counter, electronically, or by post to ``address``
    (in the commune ``commune_code``) for ``postage`` dong, quoted by the caller from the postal tariff (the
    dossiers app does not read tariffs). Allowed until the result has left for the counter or the post."""
    try:
        method = ReturnMethod(method)
    except ValueError:
        raise applicant_errors.return_method_unknown() from None
    locked = dossier_lock(dossier_id=dossier.pk)
    refusal = return_change_refusal(dossier=locked)
    if refusal is not None:
        raise refusal
    address = address.strip()
    if method == ReturnMethod.POST:
        if not locked.procedure_version.postal_return:
            raise errors.postal_return_not_offered()
        if not address:
            raise errors.post_return_without_address()
        if isinstance(postage, bool) or not isinstance(postage, int) or not 0 <= postage <= LARGEST_INTEGER:
            raise applicant_errors.return_postage_invalid()
    else:
        address, postage, commune_code = "", None, ""
    before = {"return_method": locked.return_method, "return_address": locked.return_address}
    locked.return_method, locked.return_address, locked.return_postage = method, address[:255], postage
    locked.return_commune_id = commune_code or None  # the delivery goes to this commune (postal delivery_create_for)
    locked.save(update_fields=["return_method", "return_address", "return_postage", "return_commune"])
    payload: dict[str, Any] = {"return_method": method.value, "before": before}
    if method == ReturnMethod.POST:
        payload.update(return_address=locked.return_address, commune=commune_code, return_postage=postage)
    dossier_event_record(
        dossier=locked, action=RETURN_METHOD_CHANGED, actor=actor, from_status=locked.status, payload=payload
    )
    return locked


@transaction.atomic
def dossier_return_electronic(*, dossier: Dossier, actor: Any, collector_name: str, collector_id_number: str) -> bool:
    """Record the return of an electronic result (register 07) when the applicant first downloads it.

    ``actor`` is the applicant's signed-in user, ``collector_*`` what their account vouches for: the account's
    number must be the applicant's, which identifies the collector as the counter's identity check would. True
    when this call recorded the return; False when it was already recorded (a second download, or two at once:
    the second waits on the row lock and finds it returned), so the return is recorded once.
    """
    locked = dossier_lock(dossier_id=dossier.pk)
    if locked.status == Status.RETURNED:
        return False
    refusal = electronic_return_refusal(dossier=locked)
    if refusal is not None:
        raise refusal
    if not collector_id_number or collector_id_number != locked.applicant_id_number:
        raise applicant_errors.electronic_collector_not_applicant()
    now = timezone.now()
    from_status = locked.status
    DossierStep.objects.filter(dossier=locked, status=StepStatus.PENDING).update(
        status=StepStatus.DONE, started_at=now, finished_at=now, completed_by=actor
    )
    locked.status, locked.returned_at = Status.RETURNED, now
    locked.save(update_fields=["status", "returned_at"])
    dossier_event_record(
        dossier=locked,
        action=Action.RETURN_RESULT.value,
        actor=actor,
        from_status=from_status,
        payload={
            "collector_name": collector_name.strip(),
            "collector_id_number": collector_id_number,
            "identity_checked": True,
            "identified_by": IDENTIFIED_BY_ACCOUNT,
            "return_method": ReturnMethod.ELECTRONIC.value,
        },
        at=now,
    )
    return True
