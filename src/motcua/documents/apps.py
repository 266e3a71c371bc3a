from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "motcua.documents"
    label = "documents"
    verbose_name = _("Digitized documents")

    def ready(self) -> None:
        from motcua.dossiers.services.receive import paper_document_keeper_register

        from . import handlers  # noqa: F401 - registers the outbox handlers
        from .reuse import dossier_paper_document_keep

        paper_document_keeper_register(dossier_paper_document_keep)
