from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SlipNumber(models.Model):
    """The number a form was given when first issued ("Số: 12/GTN"), docs/domain.md "Official papers".

    Numbered per issuing unit, form and year; kept with the paper it numbers (the dossier, and for papers
    issued more than once the event they are about), so a reprint shows the number first given.
    """

    issuer = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing unit")
    )
    form = models.CharField(_("form"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="slip_numbers", verbose_name=_("dossier")
    )
    # The history entry the paper is about (a supplement request, a refusal…); 0 for the dossier's one paper
    # of that form (the receipt, the control sheet).
    event_seq = models.PositiveIntegerField(_("about event number"), default=0)
    issued_at = models.DateTimeField(_("first issued at"))

    class Meta:
        ordering = ("issuer", "form", "year", "number")
        verbose_name = _("slip number")
        verbose_name_plural = _("slip numbers")
        constraints = [
            models.UniqueConstraint(fields=("issuer", "form", "year", "number"), name="slip_number_unique_number"),
            models.UniqueConstraint(fields=("dossier", "form", "event_seq"), name="slip_number_one_per_paper"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="slip_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.form} ({self.year})"
