from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyDossiersConfig(AppConfig):
    name = "motcua.mydossiers"
    label = "mydossiers"
    verbose_name = _("My dossiers")
