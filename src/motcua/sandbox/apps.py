from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SandboxConfig(AppConfig):
    name = "motcua.sandbox"
    label = "sandbox"
    verbose_name = _("Training sandbox")

    def ready(self) -> None:
        from motcua.desk.training import draft_observer_register

        from .observe import slip_drafted

        draft_observer_register(slip_drafted)
