from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Decision 20/2020/QĐ-TTg: up to 35 characters of [0-9A-Z.], dot-separated groups, each a child unit.
AGENCY_CODE_PATTERN = r"^[0-9A-Z]+(\.[0-9A-Z]+)*$"
agency_code_validator = RegexValidator(
    AGENCY_CODE_PATTERN,
    _("An agency code is groups of capital letters and digits separated by dots, e.g. H56.14."),
    code="agency_code",
)


class AgencyLevel(models.TextChoices):
    CENTRAL = "central", _("central (ministry)")
    PROVINCE = "province", _("province")
    COMMUNE = "commune", _("commune")
    POSTAL = "postal", _("public postal enterprise")


class AgencyKind(models.TextChoices):
    COMPETENT = "competent", _("competent agency")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    ONE_STOP = "one_stop", _("one-stop department")
    SERVICE_CENTRE = "service_centre", _("public administrative service centre")
    POSTAL = "postal", _("postal unit")


class Agency(models.Model):
    """A state agency, a one-stop department or service centre, or a unit of the postal enterprise."""

    code = models.CharField(_("electronic ID code"), max_length=35, unique=True, validators=[agency_code_validator])
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    province = models.ForeignKey(
        "localities.Province", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("province")
    )
    commune = models.ForeignKey(
        "localities.Commune", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=AGENCY_CODE_PATTERN),
                name="agency_code_format",
                violation_error_code="agency_code_format",
                violation_error_message=agency_code_validator.message,
            ),
            models.CheckConstraint(
                condition=~models.Q(level="commune") | models.Q(commune__isnull=False),
                name="agency_commune_level_has_commune",
                violation_error_code="agency_commune_level_has_commune",
                violation_error_message=_("A commune-level agency must name its commune."),
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=["central", "postal"]) | models.Q(province__isnull=False),
                name="agency_local_level_has_province",
                violation_error_code="agency_local_level_has_province",
                violation_error_message=_("A provincial or commune agency must name its province."),
            ),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="agency_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
