"""Exams: a blueprint draws questions from banks; an attempt keeps a snapshot of what it drew (docs/training.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.stages.models import StageCode

from .bank import QuestionBank, QuestionKind, TextFormat


class ExamBlueprint(models.Model):
    """A fixed exam plan for a stage and a field (empty: every field): how many questions from which banks."""

    stage_code = models.CharField(_("stage"), max_length=30, choices=StageCode.choices)
    field = models.ForeignKey(
        "procedures.Field",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exam_blueprints",
        verbose_name=_("field"),
    )
    title = models.CharField(_("title"), max_length=255)
    time_limit_minutes = models.PositiveIntegerField(_("time limit (minutes)"), default=30)
    pass_mark_percent = models.DecimalField(_("pass mark (%)"), max_digits=5, decimal_places=2, default=80)
    max_attempts = models.PositiveIntegerField(_("attempts allowed"), default=3)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("stage_code", "title")
        verbose_name = _("exam blueprint")
        verbose_name_plural = _("exam blueprints")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(time_limit_minutes__gte=1, time_limit_minutes__lte=600),
                name="training_blueprint_time_limit_range",
            ),
            models.CheckConstraint(
                condition=models.Q(pass_mark_percent__gte=0, pass_mark_percent__lte=100),
                name="training_blueprint_pass_mark_range",
            ),
            models.CheckConstraint(condition=models.Q(max_attempts__gte=1), name="training_blueprint_attempts_min"),
        ]

    def __str__(self) -> str:
        return self.title


class BlueprintRule(models.Model):
    """Draw ``count`` active questions at random from ``bank``."""

    blueprint = models.ForeignKey(
        ExamBlueprint, on_delete=models.CASCADE, related_name="rules", verbose_name=_("blueprint")
    )
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="rules", verbose_name=_("bank"))
    count = models.PositiveIntegerField(_("questions drawn"), default=5)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ("blueprint", "order", "id")
        verbose_name = _("blueprint rule")
        verbose_name_plural = _("blueprint rules")
        constraints = [
            models.UniqueConstraint(fields=("blueprint", "bank"), name="training_rule_bank_once"),
            models.CheckConstraint(condition=models.Q(count__gte=1), name="training_rule_count_min"),
        ]

    def __str__(self) -> str:
        return f"{self.bank} × {self.count}"


class AttemptClosure(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    TIME_UP = "time_up", _("time ran out")


class ExamAttempt(models.Model):
    """One sitting of an exam by a user. Open while ``submitted_at`` is empty and the deadline is ahead."""

    blueprint = models.ForeignKey(
        ExamBlueprint, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("blueprint")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exam_attempts", verbose_name=_("user")
    )
    number = models.PositiveIntegerField(_("attempt number"))
    seed = models.BigIntegerField(_("random seed"))
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.CharField(_("closed by"), max_length=10, choices=AttemptClosure.choices, blank=True)
    score_percent = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    # The pass mark in force when the attempt started: a later change of the blueprint does not re-grade it.
    pass_mark_percent = models.DecimalField(_("pass mark (%)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ("-started_at", "-id")
        verbose_name = _("exam attempt")
        verbose_name_plural = _("exam attempts")
        constraints = [
            models.UniqueConstraint(fields=("blueprint", "user", "number"), name="training_attempt_number_unique"),
            models.CheckConstraint(
                condition=models.Q(deadline__gt=models.F("started_at")), name="training_attempt_deadline"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    submitted_at__isnull=True, closed_by="", score_percent__isnull=True, passed__isnull=True
                )
                | models.Q(submitted_at__isnull=False, score_percent__isnull=False, passed__isnull=False)
                & ~models.Q(closed_by=""),
                name="training_attempt_closed_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blueprint} – {self.user} #{self.number}"

    @property
    def is_closed(self) -> bool:
        return self.submitted_at is not None


class AttemptQuestion(models.Model):
    """A question as drawn into an attempt: a copy of its text and answers, so later edits change no taken exam."""

    attempt = models.ForeignKey(
        ExamAttempt, on_delete=models.CASCADE, related_name="questions", verbose_name=_("attempt")
    )
    position = models.PositiveIntegerField(_("position"))
    question = models.ForeignKey(
        "training.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("question"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    name = models.CharField(_("name"), max_length=255, blank=True)
    text = models.TextField(_("text"))
    text_format = models.CharField(_("text format"), max_length=10, choices=TextFormat.choices)
    feedback = models.TextField(_("general feedback"), blank=True)
    data = models.JSONField(_("answers"), default=dict)
    mark = models.DecimalField(_("mark"), max_digits=6, decimal_places=2)
    answer = models.JSONField(_("answer given"), null=True, blank=True)
    fraction = models.FloatField(_("score fraction"), null=True, blank=True)

    class Meta:
        ordering = ("attempt", "position")
        verbose_name = _("question of an attempt")
        verbose_name_plural = _("questions of an attempt")
        constraints = [models.UniqueConstraint(fields=("attempt", "position"), name="training_attempt_position_unique")]

    def __str__(self) -> str:
        return f"{self.attempt} – {self.position}"
