"""The dossier page's notifications panel: what the applicant was told, on which channel, and whether it went
(registered with the desk in ``apps.ready``; the desk never imports the notifications)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from motcua.agencies.roles import SUPERVISOR_ROLES
from motcua.agencies.selectors import user_has_role

from .selectors import notification_list_for_dossier


def dossier_notifications_panel(request: Any, dossier: Any) -> str:
    notifications = list(notification_list_for_dossier(dossier=dossier)[:50])
    if not notifications:
        return ""
    return render_to_string(
        "notifications/dossier_panel.html",
        {
            "notifications": notifications,
            "may_retry": user_has_role(user=request.user, roles=SUPERVISOR_ROLES),
            "dossier": dossier,
        },
        request=request,
    )
