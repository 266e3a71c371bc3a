"""The dossier page's queue panel: on which ticket the applicant was served and how long they waited
(registered with the desk in ``apps.ready``; the desk never imports the queue)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from .services.linking import dossier_waits


def dossier_wait_panel(request: Any, dossier: Any) -> str:
    tickets = dossier_waits(dossier=dossier)
    if not tickets:
        return ""
    target = settings.QUEUE_WAIT_TARGET_MINUTES * 60
    rows = [
        {
            "ticket": ticket,
            "wait_minutes": round(ticket.wait_seconds / 60) if ticket.wait_seconds is not None else None,
            "service_minutes": round(ticket.service_seconds / 60) if ticket.service_seconds is not None else None,
            "within": ticket.wait_seconds is not None and ticket.wait_seconds <= target,
        }
        for ticket in tickets
    ]
    return render_to_string(
        "tickets/dossier_wait.html",
        {"rows": rows, "target": settings.QUEUE_WAIT_TARGET_MINUTES},
        request=request,
    )
