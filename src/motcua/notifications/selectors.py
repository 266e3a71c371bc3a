"""Reading the delivery log: only the notifications of dossiers the reader may see (the desk's scope)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from motcua.dossiers.selectors import dossier_list_for_user

from .models import Notification


def notification_list_for_user(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(dossier__in=dossier_list_for_user(user=user).values("pk")).select_related(
        "dossier", "retried_by"
    )


def notification_list_filter(
    *, notifications: QuerySet[Notification], code: str = "", channel: str = "", status: str = ""
) -> QuerySet[Notification]:
    if code:
        notifications = notifications.filter(dossier__code__icontains=code)
    if channel:
        notifications = notifications.filter(channel=channel)
    if status:
        notifications = notifications.filter(status=status)
    return notifications


def notification_list_for_dossier(*, dossier: Any) -> QuerySet[Notification]:
    """A dossier's notifications, for its page (the page has checked the reader's scope already)."""
    return Notification.objects.filter(dossier=dossier).select_related("retried_by")
