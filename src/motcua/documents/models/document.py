from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.identity import ID_NUMBER_PATTERN


def document_path(instance: Document, filename: str) -> str:
    """Content-addressed: the stored PDF's SHA-256 names it, so the same bytes are stored once."""
    return f"documents/{instance.sha256[:2]}/{instance.sha256}.pdf"


class DocumentOrigin(models.TextChoices):
    SCAN = "scan", _("scanned at reception")
    RESULT = "result", _("result of a procedure")
    IMPORT = "import", _("imported in bulk")


class Document(models.Model):
    """A signed, searchable PDF/A copy in the citizen data store, owned by a person or organization."""

    uid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    owner_id_number = models.CharField(_("owner's ID number or tax code"), max_length=13, db_index=True)
    kind = models.CharField(_("document type"), max_length=120, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    origin = models.CharField(_("origin"), max_length=10, choices=DocumentOrigin.choices)
    file = models.FileField(_("signed PDF/A"), upload_to=document_path)
    sha256 = models.CharField(_("SHA-256 of the stored file"), max_length=64, unique=True)
    source_sha256 = models.CharField(_("SHA-256 of what was scanned"), max_length=64, db_index=True)
    pages = models.PositiveIntegerField(_("pages"))
    ocr_text = models.TextField(_("recognized text"), blank=True)
    search_text = models.TextField(_("text for search"), blank=True, help_text=_("Lower case, accents removed."))
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    number = models.CharField(_("number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("digitized at")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("digitized document")
        verbose_name_plural = _("digitized documents")
        indexes = [models.Index(fields=("owner_id_number", "kind"), name="document_owner_kind")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_id_number__regex=ID_NUMBER_PATTERN),
                name="document_owner_id_format",
            ),
            models.CheckConstraint(condition=models.Q(pages__gte=1), name="document_has_pages"),
        ]

    def __str__(self) -> str:
        return self.title


class UseKind(models.TextChoices):
    DIGITIZED = "digitized", _("digitized for this dossier")
    REUSED = "reused", _("reused from the data store")
    RESULT = "result", _("result of this dossier")


class DocumentUse(models.Model):
    """A document serving a dossier (a component, or its result). Reuse counts come from here."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="uses")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="document_uses")
    component = models.ForeignKey(
        "dossiers.DossierComponent", on_delete=models.PROTECT, null=True, blank=True, related_name="document_uses"
    )
    kind = models.CharField(_("use"), max_length=10, choices=UseKind.choices)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    used_at = models.DateTimeField(_("used at"), auto_now_add=True)

    class Meta:
        ordering = ("used_at",)
        verbose_name = _("use of a document")
        verbose_name_plural = _("uses of documents")
        constraints = [
            models.UniqueConstraint(
                fields=("document", "component"), condition=models.Q(component__isnull=False), name="document_use_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.dossier} ({self.kind})"
