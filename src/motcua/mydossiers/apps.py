from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyDossiersConfig(AppConfig):
    name = "motcua.mydossiers"
    label = "mydossiers"
    verbose_name = _("My dossiers")

    def ready(self) -> None:
        from motcua.desk.panels import dossier_panel_register

        from .panels import citizen_requests_panel

        dossier_panel_register(citizen_requests_panel)
