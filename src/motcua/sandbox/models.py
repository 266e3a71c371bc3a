"""A practice session in the training sandbox and its cases (docs/training.md, "The sandbox")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    COMPLETE = "complete", _("complete dossier")
    MISSING_PAPER = "missing_paper", _("a mandatory paper missing")
    IDENTITY = "identity", _("identity paper that does not hold")
    FEES = "fees", _("fees to get right")
    OUT_OF_SCOPE = "out_of_scope", _("request outside the point's scope")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("received")
    REFUSED = "refused", _("not received")


class PracticeSession(models.Model):
    """N generated cases a trainee works at the real counter in training mode; a supervisor of the trainee's own
    point may sign it off, which certifies the trainee for reception in the field when the score passes."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practice_sessions", verbose_name=_("trainee")
    )
    point = models.ForeignKey(
        "agencies.ReceivingPoint",
        on_delete=models.PROTECT,
        related_name="practice_sessions",
        verbose_name=_("trainee's point"),
    )
    training_point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="+", verbose_name=_("training point")
    )
    field = models.ForeignKey("procedures.Field", on_delete=models.PROTECT, related_name="+", verbose_name=_("field"))
    started_at = models.DateTimeField(_("started at"))
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    certification = models.ForeignKey(
        "certification.Certification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate issued"),
    )

    class Meta:
        ordering = ("-started_at",)
        verbose_name = _("practice session")
        verbose_name_plural = _("practice sessions")
        constraints = [
            models.CheckConstraint(condition=models.Q(score__lte=100), name="sandbox_session_score_percent"),
            models.CheckConstraint(
                condition=models.Q(signed_off_at__isnull=True) | models.Q(signed_off_by__isnull=False),
                name="sandbox_session_signed_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} · {self.started_at:%d/%m/%Y %H:%M}"


class PracticeCase(models.Model):
    """One applicant at the counter: the situation shown to the trainee, and its key.

    ``key``: ``outcome`` (accepted/refused), ``slip`` ("" when received, "02" or "03"), ``papers`` (the checklist
    ids to tick: the papers handed), ``fee_lines`` (the fee line ids to charge) and ``fees_total``. ``observed``: what
    the trainee did, read from the training dossier or the slip drafted; ``details`` the score's parts."""

    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="cases")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    version = models.ForeignKey(
        "procedures.ProcedureVersion", on_delete=models.PROTECT, related_name="+", verbose_name=_("procedure")
    )
    applicant = models.JSONField(_("applicant"))
    story = models.TextField(_("situation"))
    handed = models.JSONField(_("papers handed"), default=list)
    key = models.JSONField(_("key"))
    observed = models.JSONField(_("what the trainee did"), default=dict, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("dossier")
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    details = models.JSONField(_("score details"), default=dict, blank=True)

    class Meta:
        ordering = ("session", "order")
        verbose_name = _("practice case")
        verbose_name_plural = _("practice cases")
        constraints = [
            models.UniqueConstraint(fields=("session", "order"), name="sandbox_case_unique_order"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="sandbox_case_score_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.order} {self.kind}"

    @property
    def id_number(self) -> str:
        return str(self.applicant.get("id_number", ""))
