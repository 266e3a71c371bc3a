"""The desk's dossier page: a panel saying the dossier came from an online submission, and who helped file it."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from .models import OnlineSubmission


def dossier_submission_panel(request: Any, dossier: Any) -> str:
    submission = (
        OnlineSubmission.objects.filter(dossier_id=getattr(dossier, "pk", 0) or 0)
        .select_related("helper", "consent", "owner")
        .first()
    )
    if submission is None:
        return ""
    context = {"submission": submission, "events": submission.events.order_by("seq")}
    return render_to_string("submissions/panel.html", context, request=request)
