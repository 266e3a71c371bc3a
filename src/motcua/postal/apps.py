from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostalConfig(AppConfig):
    name = "motcua.postal"
    label = "postal"
    verbose_name = _("Public postal service")

    def ready(self) -> None:
        from . import handlers  # noqa: F401 - registers the outbox handlers
