from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "motcua.tickets"
    label = "tickets"
    verbose_name = _("Queue tickets and appointments")

    def ready(self) -> None:
        from motcua.desk.panels import dossier_panel_register

        from . import receivers, tasks  # noqa: F401 - tasks: the worker registers them (and booking's)
        from .booking import reminders  # noqa: F401 - registers the appointment e-mails' outbox handler
        from .panels import dossier_wait_panel

        receivers.connect()
        dossier_panel_register(dossier_wait_panel)
