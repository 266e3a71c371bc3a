from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from motcua.desk.panels import dossier_panel_register

        from . import handlers, providers  # noqa: F401 - register the outbox handlers and the providers
        from .panels import dossier_notifications_panel

        dossier_panel_register(dossier_notifications_panel)
