from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StagesConfig(AppConfig):
    name = "motcua.stages"
    label = "stages"
    verbose_name = _("Hand-over stages")
