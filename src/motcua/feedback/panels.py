"""The dossier page's panel: the applicant's rating of the handling and the petitions about the dossier."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from .selectors import dossier_complaints, dossier_has_complaint, dossier_rating


def dossier_feedback_panel(request: Any, dossier: Any) -> str:
    rating = dossier_rating(dossier)
    complaints = list(dossier_complaints(dossier)[:20])
    if rating is None and not complaints:
        return ""
    return render_to_string(
        "feedback/dossier_panel.html",
        {
            "rating": rating,
            "complaints": complaints,
            "counted": dossier_has_complaint(dossier),
            "dossier": dossier,
        },
        request=request,
    )
