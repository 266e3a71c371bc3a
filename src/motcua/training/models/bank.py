"""Question banks and their questions, in the six kinds GIFT and Moodle XML share (docs/training.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.stages.models import StageCode


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("multiple choice, one answer")
    MULTIPLE = "multiple", _("multiple choice, several answers")
    TRUE_FALSE = "true_false", _("true or false")
    MATCHING = "matching", _("matching")
    SHORT_ANSWER = "short_answer", _("short answer")
    NUMERIC = "numeric", _("numeric")


class TextFormat(models.TextChoices):
    """How a question's text is written, as GIFT's ``[format]`` and Moodle XML's ``format`` attribute say."""

    MOODLE = "moodle", _("Moodle auto-format")
    HTML = "html", _("HTML")
    MARKDOWN = "markdown", _("Markdown")
    PLAIN = "plain", _("plain text")


class QuestionBank(models.Model):
    """A named set of questions, for a stage and a field (empty: every field).

    The name doubles as the Moodle category path under ``$course$/top/`` when the bank is exported."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    stage_code = models.CharField(_("stage"), max_length=30, choices=StageCode.choices, blank=True)
    field = models.ForeignKey(
        "procedures.Field",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="question_banks",
        verbose_name=_("field"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ("stage_code", "name")
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """A question. ``data`` holds what its kind needs (see ``training.questions`` for each shape):

    * single / multiple: ``{"choices": [{"text", "fraction", "feedback"}]}`` (fractions in −1…1);
    * true_false: ``{"answer": bool, "feedback_right": str, "feedback_wrong": str}``;
    * matching: ``{"pairs": [{"left", "right"}]}`` (an empty ``left`` is a distractor answer);
    * short_answer: ``{"answers": [{"text", "fraction", "feedback"}]}``;
    * numeric: ``{"answers": [{"value", "tolerance", "fraction", "feedback"}]}``.
    """

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions", verbose_name=_("bank"))
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    name = models.CharField(_("name"), max_length=255, blank=True)
    text = models.TextField(_("text"))
    text_format = models.CharField(
        _("text format"), max_length=10, choices=TextFormat.choices, default=TextFormat.MOODLE
    )
    feedback = models.TextField(_("general feedback"), blank=True)
    data = models.JSONField(_("answers"), default=dict)
    default_mark = models.DecimalField(_("default mark"), max_digits=6, decimal_places=2, default=1)
    generated_key = models.CharField(_("generated key"), max_length=120, unique=True, null=True, blank=True)
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("procedure version"),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ("bank", "id")
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(condition=models.Q(default_mark__gt=0), name="training_question_mark_positive"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in QuestionKind]), name="training_question_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.text[:60]
