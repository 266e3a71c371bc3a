"""A version of a procedure's content. Once published it is immutable: dossiers point at it."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    RETIRED = "retired", _("retired")


class TimeLimitUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    WORKING_HOURS = "working_hours", _("working hours")


class OnlineSubmission(models.TextChoices):
    NONE = "none", _("not online")
    PARTIAL = "partial", _("partly online")
    FULL = "full", _("fully online")


class ImplementingLevel(models.TextChoices):
    CENTRAL = "central", _("central")
    PROVINCE = "province", _("province")
    COMMUNE = "commune", _("commune")


def _published_is_immutable(version: ProcedureVersion | None) -> None:
    if version is not None and version.status != VersionStatus.DRAFT:
        from ..errors import version_immutable  # the errors module imports the validators, which import models

        raise version_immutable(number=version.number, code=version.procedure.national_code)


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.PROTECT, related_name="versions", verbose_name=_("procedure")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=500)
    levels = models.JSONField(_("implementing levels"), default=list, help_text=_("Any of central, province, commune."))
    competent_authority = models.CharField(_("competent agency"), max_length=500)
    time_limit = models.DecimalField(_("statutory time limit"), max_digits=7, decimal_places=2)
    time_limit_unit = models.CharField(
        _("unit of the time limit"), max_length=20, choices=TimeLimitUnit.choices, default=TimeLimitUnit.WORKING_DAYS
    )
    same_day_cutoff = models.BooleanField(
        _("same-day rule"),
        default=False,
        help_text=_("Received before the cut-off hour: due at closing the same day; otherwise the next working day."),
    )
    result_kind = models.CharField(_("result"), max_length=500)
    online_submission = models.CharField(
        _("online submission"), max_length=10, choices=OnlineSubmission.choices, default=OnlineSubmission.NONE
    )
    postal_pickup = models.BooleanField(_("dossier may be sent or picked up by post"), default=True)
    postal_return = models.BooleanField(_("result may be returned by post"), default=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    applicant_requirements = models.TextField(_("conditions on the applicant"), blank=True)
    note = models.TextField(_("note"), blank=True)
    eform_fields = models.JSONField(
        _("e-form fields"),
        default=list,
        blank=True,
        help_text=_(
            "What an online filer fills in, in order: a list of objects with key, label, type (text, long_text, date, "
            "number, choice, yes_no, id_number, phone, email, commune), required, label_en, help, max_length, min, "
            "max, options."
        ),
    )

    class Meta:
        ordering = ("procedure", "-number")
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        constraints = [
            models.UniqueConstraint(fields=("procedure", "number"), name="procedure_version_unique_number"),
            models.CheckConstraint(condition=models.Q(time_limit__gte=0), name="procedure_version_limit_not_negative"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="procedure_version_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(same_day_cutoff=False) | ~models.Q(time_limit_unit="calendar_days"),
                name="procedure_version_same_day_in_working_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.national_code} v{self.number}"

    def save(self, *args, **kwargs):
        # Guard, not workflow: a published version may only move to retired (publication goes through services).
        if self.pk:
            stored = ProcedureVersion.objects.filter(pk=self.pk).select_related("procedure").first()
            if stored is not None and stored.status != VersionStatus.DRAFT:
                fields = self._meta.concrete_fields
                changed = {f.attname for f in fields if getattr(stored, f.attname) != getattr(self, f.attname)}
                if not changed <= {"status"} or self.status == VersionStatus.DRAFT:
                    _published_is_immutable(stored)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _published_is_immutable(self)
        return super().delete(*args, **kwargs)

    @property
    def time_limit_hours(self) -> Decimal | None:
        """The limit in working hours, as provincial systems store it (8 h = 1 working day)."""
        if self.time_limit_unit == TimeLimitUnit.CALENDAR_DAYS:
            return None
        return self.working_hours(self.time_limit)

    def working_hours(self, amount: Decimal) -> Decimal:
        """``amount`` in this version's unit, as working hours: days count WORKDAY_HOURS_PER_DAY hours each
        (calendar days too, for step budgets, which are always working time)."""
        from django.conf import settings

        if self.time_limit_unit == TimeLimitUnit.WORKING_HOURS:
            return amount
        return amount * Decimal(str(settings.WORKDAY_HOURS_PER_DAY))


class _VersionPart(models.Model):
    """A row belonging to a version; refused once the version is published."""

    version_id: int

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        _published_is_immutable(ProcedureVersion.objects.filter(pk=self.version_id).select_related("procedure").first())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _published_is_immutable(ProcedureVersion.objects.filter(pk=self.version_id).select_related("procedure").first())
        return super().delete(*args, **kwargs)


class ComponentForm(models.TextChoices):
    ORIGINAL = "original", _("original")
    COPY = "copy", _("copy")
    CERTIFIED_COPY = "certified_copy", _("certified copy")
    ORIGINAL_OR_COPY = "original_or_copy", _("original or certified copy")
    SHOWN = "shown", _("original shown for comparison")
    ELECTRONIC = "electronic", _("electronic")


class Component(_VersionPart):
    """A document the dossier must or may contain."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=500)
    form = models.CharField(_("original or copy"), max_length=20, choices=ComponentForm.choices)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    condition = models.CharField(_("required when"), max_length=500, blank=True)
    form_template = models.CharField(_("form template"), max_length=255, blank=True)

    class Meta:
        ordering = ("version", "order")
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        constraints = [
            models.UniqueConstraint(fields=("version", "order"), name="component_unique_order"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="component_quantity_positive"),
            models.CheckConstraint(
                condition=models.Q(mandatory=True) | ~models.Q(condition=""), name="component_conditional_says_when"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FeeKind(models.TextChoices):
    FEE = "fee", _("fee (phí)")
    CHARGE = "charge", _("charge (lệ phí)")


class Fee(_VersionPart):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=FeeKind.choices)
    description = models.CharField(_("description"), max_length=500)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    exemptions = models.TextField(_("exemptions"), blank=True)
    group = models.PositiveSmallIntegerField(
        _("alternative group"),
        null=True,
        blank=True,
        help_text=_("Lines with the same group number are alternatives: exactly one of them applies."),
    )
    optional = models.BooleanField(
        _("only when asked"), default=False, help_text=_("Charged only when the applicant asks for it (e.g. copies).")
    )
    per_unit = models.CharField(
        _("charged per"),
        max_length=50,
        blank=True,
        help_text=_("The unit when the amount is per unit asked for, e.g. copy; empty for a single amount."),
    )

    class Meta:
        ordering = ("version", "order")
        verbose_name = _("fee or charge")
        verbose_name_plural = _("fees and charges")
        constraints = [
            models.UniqueConstraint(fields=("version", "order"), name="fee_unique_order"),
            models.CheckConstraint(
                condition=models.Q(group__isnull=True) | models.Q(group__gte=1), name="fee_group_positive"
            ),
            # An alternative is chosen, not asked for: one line of its group always applies.
            models.CheckConstraint(
                condition=models.Q(group__isnull=True) | models.Q(optional=False), name="fee_alternative_not_optional"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount} VND"


class ProcessStep(_VersionPart):
    """A step of the internal process, with its share of the time limit.

    Steps with the same ``parallel_group`` run at the same time; otherwise they run in ``order``.
    """

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=30)
    unit = models.CharField(
        _("unit"), max_length=255, help_text=_("Who does it, e.g. one-stop department, civil status officer.")
    )
    at_other_agency = models.BooleanField(_("at another agency (inter-agency)"), default=False)
    duration = models.DecimalField(
        _("share of the time limit"), max_digits=6, decimal_places=2, help_text=_("In the procedure's time-limit unit.")
    )
    parallel_group = models.PositiveSmallIntegerField(_("parallel group"), null=True, blank=True)

    class Meta:
        ordering = ("version", "order")
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        constraints = [
            models.UniqueConstraint(fields=("version", "order"), name="step_unique_order"),
            models.CheckConstraint(condition=models.Q(duration__gte=0), name="step_duration_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
