from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    label = "feedback"
    verbose_name = _("Ratings and complaints")

    def ready(self) -> None:
        from motcua.desk.panels import dossier_panel_register

        from . import handlers  # noqa: F401 - register the outbox handler of the rating invitation
        from .panels import dossier_feedback_panel

        dossier_panel_register(dossier_feedback_panel)
