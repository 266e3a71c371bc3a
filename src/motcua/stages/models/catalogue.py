"""The stage catalogue as versioned data: a version holds one row per stage, each with its steps and events.

A stage's ``code`` is the vocabulary the planner, training and the indicators share: it stays the same from one
version to the next, while names, steps, events and time standards change by publishing a new version
(docs/stages.md). One version is published at a time (a database constraint); published and retired versions
are changed only by copying them into a draft.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    RETIRED = "retired", _("retired")


class StageCode(models.TextChoices):
    """The nine stages of the postal one-stop model, in the order a dossier meets them."""

    GUIDE = "guide", _("guidance")
    RECEIVE = "receive", _("reception")
    DIGITIZE = "digitize", _("digitization")
    TRANSFER = "transfer", _("transfer to the agency")
    AGENCY_PROCESSING = "agency_processing", _("processing at the agency")
    RETURN_COUNTER = "return_counter", _("return at the counter")
    PICKUP = "pickup", _("home pickup")
    DELIVERY = "delivery", _("delivery of the result")
    FEES = "fees", _("fees and financial obligations")


#: A version may be published only when it defines every one of these stages.
REQUIRED_STAGE_CODES: tuple[str, ...] = tuple(StageCode.values)


class Performer(models.TextChoices):
    POSTAL_STAFF = "postal_staff", _("postal staff")
    CIVIL_SERVANT = "civil_servant", _("civil servant")
    CITIZEN = "citizen", _("citizen")


class TimeBasis(models.TextChoices):
    """What the time standard counts: minutes for each dossier, or for each scanned page."""

    DOSSIER = "dossier", _("per dossier")
    PAGE = "page", _("per page")


class EventKind(models.TextChoices):
    DOSSIER = "dossier", _("dossier history")
    POSTAL = "postal", _("postal order")


class Boundary(models.TextChoices):
    START = "start", _("start")
    END = "end", _("end")


class CatalogueVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ("-number",)
        verbose_name = _("stage catalogue version")
        verbose_name_plural = _("stage catalogue versions")
        constraints = [
            models.UniqueConstraint(
                fields=("status",), condition=models.Q(status="published"), name="stages_one_published_version"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="stages_published_version_has_date",
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="stages_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"v{self.number} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Stage(models.Model):
    """One hand-over stage of a catalogue version: who does it, what comes in and out, its steps and events."""

    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.CASCADE, related_name="stages", verbose_name=_("catalogue version")
    )
    code = models.SlugField(_("code"), max_length=40, help_text=_("Stable across versions, e.g. receive."))
    name_vi = models.CharField(_("name in Vietnamese"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    performer = models.CharField(_("performed by"), max_length=20, choices=Performer.choices)
    reference_only = models.BooleanField(
        _("reference only"),
        default=False,
        help_text=_("Done by the agency, not the one-stop: listed so that the chain is complete, not staffed."),
    )
    inputs = models.JSONField(_("inputs"), default=list, blank=True)
    outputs = models.JSONField(_("outputs"), default=list, blank=True)
    time_standard_minutes = models.PositiveIntegerField(_("time standard (minutes)"), default=0)
    time_basis = models.CharField(_("counted"), max_length=10, choices=TimeBasis.choices, default=TimeBasis.DOSSIER)
    quality_checks = models.JSONField(_("quality checks"), default=list, blank=True)
    slips = models.JSONField(_("slips produced"), default=list, blank=True)
    indicators = models.JSONField(_("indicators affected"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ("version", "sort_order")
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=("version", "code"), name="stages_code_once_per_version"),
            models.UniqueConstraint(fields=("version", "sort_order"), name="stages_order_once_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name_vi}"

    def name(self, language: str | None) -> str:
        """The name in ``language`` (English for ``en…``, else Vietnamese)."""
        return self.name_en if (language or "").startswith("en") and self.name_en else self.name_vi


class StageStep(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="steps", verbose_name=_("stage"))
    order = models.PositiveSmallIntegerField(_("order"))
    text_vi = models.TextField(_("what is done (Vietnamese)"))
    text_en = models.TextField(_("what is done (English)"))
    actor = models.CharField(_("actor"), max_length=20, choices=Performer.choices)

    class Meta:
        ordering = ("stage", "order")
        verbose_name = _("stage step")
        verbose_name_plural = _("stage steps")
        constraints = [models.UniqueConstraint(fields=("stage", "order"), name="stages_step_order_once")]

    def __str__(self) -> str:
        return f"{self.order}. {self.text_vi}"

    def text(self, language: str | None) -> str:
        return self.text_en if (language or "").startswith("en") and self.text_en else self.text_vi


class StageEvent(models.Model):
    """An event of motcua's history that starts or ends a stage: a dossier history action or a postal event.

    ``name`` is spelled exactly as stored: ``DossierEvent.action`` for the dossier, the order status or step
    (``postal.models``) for a postal order; ``stages.events`` lists what is valid and where its time is read.
    """

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="events", verbose_name=_("stage"))
    boundary = models.CharField(_("starts or ends"), max_length=5, choices=Boundary.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    name = models.CharField(_("event"), max_length=40)

    class Meta:
        ordering = ("stage", "boundary", "order")
        verbose_name = _("stage event")
        verbose_name_plural = _("stage events")
        constraints = [
            models.UniqueConstraint(fields=("stage", "boundary", "order"), name="stages_event_order_once"),
            models.UniqueConstraint(fields=("stage", "boundary", "kind", "name"), name="stages_event_once"),
        ]

    def __str__(self) -> str:
        return f"{self.boundary}: {self.kind}.{self.name}"
