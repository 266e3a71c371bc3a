from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "motcua.national"
    label = "national"
    verbose_name = _("National portal exchange")

    def ready(self) -> None:
        from . import checks, handlers  # noqa: F401 - register the deploy check and the outbox handler
