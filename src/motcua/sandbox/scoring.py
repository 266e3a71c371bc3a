"""Scoring a case against its key, from what the trainee did at the counter (docs/training.md, "The sandbox").

What the trainee did is read where the counter leaves it: the training dossier received for the case's applicant
(its ticked papers, fee lines and fees paid), else the slip 02 or 03 last drafted for them (:mod:`.observe`).

A case scores out of 100: the outcome (received or not) is worth 50 and nothing else counts when it is wrong.
Received: the papers ticked are the papers handed (25), the fee lines charged and the amount are the key's (25).
Not received: the right slip (30), the papers ticked when it was drafted are the papers handed (20).
"""

from __future__ import annotations

from typing import Any

from motcua.dossiers.models import Dossier

from .models import Outcome, PracticeCase

OUTCOME, PAPERS, FEES, SLIP, SLIP_PAPERS = 50, 25, 25, 30, 20
#: The pass mark of a session, in percent of the cases' mean score: what a supervisor may sign off.
PASS_MARK = 80


def case_dossier(case: PracticeCase) -> Dossier | None:
    """The training dossier the trainee received for the case, if any: at the session's training point, by the
    trainee, for the case's applicant and procedure, since the session started."""
    session = case.session
    return (
        Dossier.objects.filter(
            receiving_point=session.training_point,
            received_by=session.trainee,
            applicant_id_number=case.id_number,
            procedure_version=case.version,
            received_at__gte=session.started_at,
        )
        .order_by("received_at")
        .first()
    )


def observed_from_dossier(dossier: Dossier) -> dict[str, Any]:
    return {
        "outcome": Outcome.ACCEPTED.value,
        "code": dossier.code,
        "papers": sorted(pk for pk in dossier.components.values_list("component_id", flat=True) if pk is not None),
        "fee_lines": sorted(pk for pk in dossier.fees.values_list("fee_id", flat=True) if pk is not None),
        "fees_paid": dossier.fees_paid,
    }


def case_points(key: dict[str, Any], observed: dict[str, Any]) -> dict[str, int]:
    """The score's parts for what was ``observed`` against the ``key``."""
    if observed.get("outcome") != key["outcome"]:
        return {"outcome": 0}
    if key["outcome"] == Outcome.ACCEPTED:
        fees_right = observed.get("fee_lines") == key["fee_lines"] and observed.get("fees_paid") == key["fees_total"]
        return {
            "outcome": OUTCOME,
            "papers": PAPERS if observed.get("papers") == key["papers"] else 0,
            "fees": FEES if fees_right else 0,
        }
    return {
        "outcome": OUTCOME,
        "slip": SLIP if observed.get("slip") == key["slip"] else 0,
        "papers": SLIP_PAPERS if observed.get("papers") == key["papers"] else 0,
    }


def case_observe(case: PracticeCase) -> dict[str, Any]:
    """What the trainee did for the case: the dossier received wins over a slip drafted; {} when nothing yet."""
    dossier = case_dossier(case)
    if dossier is not None:
        case.dossier = dossier
        return observed_from_dossier(dossier)
    return dict(case.observed) if case.observed.get("slip") else {}
