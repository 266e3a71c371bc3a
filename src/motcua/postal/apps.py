from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostalConfig(AppConfig):
    name = "motcua.postal"
    label = "postal"
    verbose_name = _("Public postal service")

    def ready(self) -> None:
        from motcua.agencies.models import Role
        from motcua.dossiers.permissions import errand_scope_register

        from . import checks, handlers  # noqa: F401 - register the deploy check and the outbox handlers
        from .selectors import dossier_ids_carried_by

        # A postman sees the dossiers of his open orders only (docs/domain.md, "The postman sees his orders only").
        errand_scope_register(Role.POSTMAN, dossier_ids_carried_by)
