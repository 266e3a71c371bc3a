"""The applicant's rating of the whole handling of a dossier, given once the result is returned (docs/feedback.md).

Not the counter's pad (``tickets.CounterRating`` rates one visit to a counter): this one rates the dossier from
reception to return. It keeps, beside the dossier, who the figures group it by as they were when it was rated:
the lead agency, the receiving point, the clerk who received and the clerk who returned the result.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Score(models.TextChoices):
    """The three answers of the national index's satisfaction question ("hài lòng")."""

    SATISFIED = "satisfied", _("satisfied")
    NORMAL = "normal", _("neither satisfied nor dissatisfied")
    DISSATISFIED = "dissatisfied", _("dissatisfied")


class RatingSource(models.TextChoices):
    LINK = "link", _("the link in the notification")
    LOOKUP = "lookup", _("the public lookup")
    ACCOUNT = "account", _("My dossiers")


# Reasons a person may tick (any number); the figures count each. Codes are stable, words may change.
RATING_REASONS: dict[str, object] = {
    "slow": _("It took too long"),
    "asked_again": _("I was asked again for papers or data already given"),
    "guidance": _("The guidance was unclear"),
    "attitude": _("The clerk's attitude"),
    "fees": _("Fees or charges were unclear or unexpected"),
    "result_error": _("The result had mistakes"),
    "delivery": _("Problems with the return of the result"),
    "fast": _("Quick handling"),
    "helpful": _("Helpful, courteous staff"),
    "other": _("Something else"),
}


class DossierRating(models.Model):
    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="rating", verbose_name=_("dossier")
    )
    lead_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("lead agency")
    )
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="+", verbose_name=_("receiving point")
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    score = models.CharField(_("rating"), max_length=12, choices=Score.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("given through"), max_length=10, choices=RatingSource.choices)
    rated_at = models.DateTimeField(_("rated at"), db_index=True)
    changed_at = models.DateTimeField(_("last changed at"), null=True, blank=True)
    changes = models.PositiveSmallIntegerField(_("times changed"), default=0)

    class Meta:
        ordering = ("-rated_at",)
        verbose_name = _("dossier rating")
        verbose_name_plural = _("dossier ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__in=[s.value for s in Score]), name="dossier_rating_score_known"
            ),
            models.CheckConstraint(
                condition=models.Q(changed_at__isnull=True) | models.Q(changed_at__gte=models.F("rated_at")),
                name="dossier_rating_changed_after_rated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.score}"

    def reason_labels(self) -> list[str]:
        return [str(RATING_REASONS.get(code, code)) for code in self.reasons]
