"""Lessons: Markdown text per stage and field, with the images it shows (docs/training.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.stages.models import StageCode


class Lesson(models.Model):
    """A lesson of a stage's learning path, for one procedure field or (field empty) for every field."""

    stage_code = models.CharField(_("stage"), max_length=30, choices=StageCode.choices)
    field = models.ForeignKey(
        "procedures.Field",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("field"),
        help_text=_("Empty: the lesson is for every field."),
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text (Markdown)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=False)
    # Set when the lesson is generated from the procedure catalogue; the generator finds it again by this key.
    generated_key = models.CharField(_("generated key"), max_length=120, unique=True, null=True, blank=True)
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("procedure version"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ("stage_code", "order", "id")
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        indexes = [models.Index(fields=("stage_code", "field"), name="training_lesson_stage_field")]

    def __str__(self) -> str:
        return self.title


class LessonImage(models.Model):
    """An image a lesson's Markdown shows as ``![caption](image:ID)``; checked on upload (type, size, pixels)."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="images", verbose_name=_("lesson"))
    image = models.ImageField(_("image"), upload_to="training/lessons/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ("lesson", "id")
        verbose_name = _("lesson image")
        verbose_name_plural = _("lesson images")

    def __str__(self) -> str:
        return self.caption or self.image.name or ""

    @property
    def markdown_reference(self) -> str:
        return f"![{self.caption}](image:{self.pk})"


class LessonRead(models.Model):
    """A trainee marked a lesson as read: the trainee's path counts it as done."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="reads", verbose_name=_("lesson"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons_read", verbose_name=_("user")
    )
    read_at = models.DateTimeField(_("read at"), auto_now_add=True)

    class Meta:
        ordering = ("-read_at",)
        verbose_name = _("lesson read")
        verbose_name_plural = _("lessons read")
        constraints = [models.UniqueConstraint(fields=("lesson", "user"), name="training_lesson_read_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.lesson}"
