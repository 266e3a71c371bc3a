"""A visitor's rating of the service at a counter, on the counter's pad or the ticket's QR page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RatingScore(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    NEUTRAL = "neutral", _("neutral")
    DISSATISFIED = "dissatisfied", _("dissatisfied")


class RatingSource(models.TextChoices):
    PAD = "pad", _("the counter's pad")
    PHONE = "phone", _("the ticket's page")


# Reasons a visitor may tick; the figures count each.
RATING_REASONS = {
    "long_wait": _("I waited too long"),
    "unclear_guidance": _("The guidance was unclear"),
    "asked_again": _("I was asked for papers or data already given"),
    "attitude": _("The clerk's attitude"),
    "fast": _("Quick service"),
    "helpful": _("Helpful, clear guidance"),
    "other": _("Something else"),
}


class CounterRating(models.Model):
    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="rating", verbose_name=_("ticket")
    )
    point = models.ForeignKey("agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="+")
    counter = models.ForeignKey(
        "agencies.Counter", on_delete=models.SET_NULL, null=True, blank=True, related_name="ratings"
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="counter_ratings"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="counter_ratings"
    )
    score = models.CharField(_("rating"), max_length=12, choices=RatingScore.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    source = models.CharField(_("given on"), max_length=6, choices=RatingSource.choices)
    created_at = models.DateTimeField(_("rated at"))

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("counter rating")
        verbose_name_plural = _("counter ratings")
        indexes = [models.Index(fields=("point", "created_at"), name="rating_point_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.score}"
