from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "motcua.documents"
    label = "documents"
    verbose_name = _("Digitized documents")

    def ready(self) -> None:
        from . import handlers  # noqa: F401 - registers the outbox handlers
