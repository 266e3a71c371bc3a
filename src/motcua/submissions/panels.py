"""The desk's dossier page: a panel saying the dossier came from an online submission, and who helped file it."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from motcua.procedures.eform import version_eform_fields

from .eform import declared_values
from .models import OnlineSubmission


def dossier_submission_panel(request: Any, dossier: Any) -> str:
    submission = (
        OnlineSubmission.objects.filter(dossier_id=getattr(dossier, "pk", 0) or 0)
        .select_related("helper", "consent", "owner", "procedure_version")
        .first()
    )
    if submission is None:
        return ""
    declared = declared_values(submission.form_data, version_eform_fields(submission.procedure_version))
    context = {"submission": submission, "events": submission.events.order_by("seq"), "declared": declared}
    return render_to_string("submissions/panel.html", context, request=request)
