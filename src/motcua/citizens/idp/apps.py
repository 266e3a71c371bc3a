from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalIdentityProviderConfig(AppConfig):
    name = "motcua.citizens.idp"
    label = "citizens_idp"
    verbose_name = _("Local identity provider")
