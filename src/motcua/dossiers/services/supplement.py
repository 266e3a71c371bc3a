"""Recording a supplement at the counter: the transition (the clock runs again), then the papers handed in,
each kept on the dossier with its scan, like a reception (docs/domain.md, "The counter and the public
lookup")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.db import transaction

from .. import errors
from ..lifecycle import Action
from ..models import Dossier, DossierComponent
from .act import dossier_act, dossier_last_seq
from .scans import dossier_component_scan_store


@dataclass(frozen=True)
class SupplementPaper:
    """A paper handed in to answer one item of the request."""

    name: str
    form: str
    count: int = 1
    component_id: int | None = None  # the procedure's checklist item, when the request named one


@transaction.atomic
def dossier_supplement_record(
    *,
    dossier: Dossier,
    actor: Any,
    papers: Sequence[SupplementPaper],
    scans: Mapping[int, File] | None = None,
    note: str = "",
    expected_seq: int | None = None,
) -> Dossier:
    """Receive the supplement (:data:`Action.RECEIVE_SUPPLEMENT`, checked and applied by the engine), and keep
    each paper on the dossier marked with the history event that recorded it; ``scans`` are keyed by the
    paper's index in ``papers``. All or nothing."""
    if not papers:
        raise errors.supplement_nothing_received()
    dossier = dossier_act(
        dossier=dossier, actor=actor, action=Action.RECEIVE_SUPPLEMENT, expected_seq=expected_seq, note=note
    )
    seq = dossier_last_seq(dossier=dossier)
    for index, paper in enumerate(papers):
        component = DossierComponent.objects.create(
            dossier=dossier,
            component_id=paper.component_id,
            name=paper.name[:500],
            form=paper.form,
            count=paper.count,
            supplement_seq=seq,
        )
        upload = (scans or {}).get(index)
        if upload is not None:
            dossier_component_scan_store(paper=component, upload=upload)
    return dossier
