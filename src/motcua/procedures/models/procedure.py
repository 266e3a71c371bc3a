from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Field(models.Model):
    """A field of procedures (lĩnh vực): civil status, land, business registration…"""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ("name",)
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """An administrative procedure of the national database. Its content lives in versions."""

    national_code = models.CharField(
        _("national code"),
        max_length=60,
        unique=True,
        help_text=_("Code in the national database, e.g. 1.001193; a local suffix is allowed."),
    )
    name = models.CharField(_("name"), max_length=500)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("field"))
    current_version = models.ForeignKey(
        "procedures.ProcedureVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current published version"),
    )
    # Lower-case, accent-free "code name field" for search; written by the services, the same on every database.
    search_text = models.TextField(_("search text"), editable=False, default="")
    # The name's place in Vietnamese alphabetical order (core.text.vietnamese_sort_key), for the catalogue's order.
    sort_key = models.CharField(_("sort key"), max_length=610, editable=False, default="", db_index=True)

    class Meta:
        ordering = ("national_code",)
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self) -> str:
        return f"{self.national_code} – {self.name}"
