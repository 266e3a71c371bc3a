"""A slip 02 or 03 drafted at the counter in training mode: the refusal the sandbox scores.

A draft registers nothing at a real counter, so the desk tells the observers the sandbox registers
(``desk.training.draft_observer_register``). The draft is matched to the trainee's open case with the same
applicant ID number and procedure version; the last slip drafted for a case counts.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Outcome, PracticeCase


def slip_drafted(request: HttpRequest, kind: str, draft: Any, form: Any) -> None:
    case = (
        PracticeCase.objects.filter(
            session__trainee_id=request.user.pk,
            session__signed_off_at__isnull=True,
            version=draft.version,
            # As typed when the form refused it (the counter takes "042 098 …" with spaces): the digits only.
            applicant__id_number="".join(ch for ch in draft.applicant_id_number if ch.isdigit()),
            dossier__isnull=True,
        )
        .order_by("-session__started_at", "order")
        .first()
    )
    if case is None:
        return
    data = getattr(form, "cleaned_data", {})
    ticked = sorted(c.pk for c in form.components if data.get(f"received_{c.pk}") or data.get(f"reuse_{c.pk}"))
    case.observed = {"outcome": Outcome.REFUSED.value, "slip": kind, "papers": ticked}
    case.save(update_fields=["observed"])
