from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "motcua.submissions"
    label = "submissions"
    verbose_name = _("Online submissions")

    def ready(self) -> None:
        from motcua.desk.panels import dossier_panel_register

        from .panels import dossier_submission_panel

        dossier_panel_register(dossier_submission_panel)
