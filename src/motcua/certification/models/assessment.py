from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentKind(models.TextChoices):
    EXAM = "exam", _("exam passed")
    PRACTICAL = "practical", _("practice session signed off")


class Assessment(models.Model):
    """Evidence toward a certification: an exam passed or a practice session signed off, for one stage and field.

    A stage that needs practice (``CERTIFICATION_PRACTICE_STAGES``) is certified when both are recent enough; the
    others on the exam alone (``certification.services.certification_assess``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("person")
    )
    stage_code = models.CharField(_("stage"), max_length=40)
    field = models.ForeignKey(
        "procedures.Field", on_delete=models.PROTECT, related_name="assessments", verbose_name=_("field")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssessmentKind.choices)
    reference = models.CharField(_("reference"), max_length=100, help_text=_("The exam attempt or practice session."))
    at = models.DateTimeField(_("at"))
    certification = models.ForeignKey(
        "certification.Certification",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("certification it completed"),
    )

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=("kind", "reference"), name="assessment_once_per_evidence"),
        ]
        indexes = [models.Index(fields=("user", "stage_code", "field", "kind"), name="assessment_lookup")]

    def __str__(self) -> str:
        return f"{self.user} · {self.stage_code} · {self.kind}"
