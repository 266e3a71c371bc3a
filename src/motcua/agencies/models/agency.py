from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

# Agency electronic ID codes, docs/domain.md "Codes" (Decision 20/2020/QĐ-TTg): at most 35 characters,
# dot-separated groups of capital letters and digits read from the top unit down; the first group is one
# letter and two digits (``H30``, ``G01``). A unit of the postal enterprise is no state body: its code is
# the post's own, held to the same characters but not to the first group.
AGENCY_CODE_MAX_LENGTH = 35
AGENCY_CODE_PATTERN = r"^[A-Z][0-9]{2}(\.[0-9A-Z]+)*$"
POSTAL_UNIT_CODE_PATTERN = r"^[0-9A-Z]+(\.[0-9A-Z]+)*$"
# The validators also hold the length (a look-ahead), so each refuses a 36-character code on its own.
agency_code_validator = RegexValidator(
    rf"(?=.{{1,{AGENCY_CODE_MAX_LENGTH}}}$){AGENCY_CODE_PATTERN}",
    _(
        "An agency code starts with one capital letter and two digits, then groups of capital letters and "
        "digits separated by dots, e.g. H56.14."
    ),
    code="agency_code",
)
postal_unit_code_validator = RegexValidator(
    rf"(?=.{{1,{AGENCY_CODE_MAX_LENGTH}}}$){POSTAL_UNIT_CODE_PATTERN}",
    _("A postal unit's code is groups of capital letters and digits separated by dots, e.g. VNP.42."),
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

    code = models.CharField(
        _("electronic ID code"),
        max_length=AGENCY_CODE_MAX_LENGTH,
        unique=True,
        validators=[postal_unit_code_validator],
        help_text=_("Decision 20/2020: e.g. H30.X01. A postal unit keeps the post's own code."),
    )
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
    # Who signs the papers issued in the unit's name (slips 04 and 05), docs/domain.md "Official papers".
    head_title = models.CharField(
        _("head's title"), max_length=100, blank=True, help_text=_("e.g. Chủ tịch, Giám đốc, Trưởng Công an.")
    )
    head_name = models.CharField(_("head's name"), max_length=150, blank=True)
    deputy_title = models.CharField(_("deputy's title"), max_length=100, blank=True, help_text=_("e.g. Phó Chủ tịch."))
    deputy_name = models.CharField(_("deputy's name"), max_length=150, blank=True)
    deputy_signs = models.BooleanField(
        _("the deputy signs"),
        default=False,
        help_text=_("Papers are signed by the deputy on the head's behalf (KT.), as the unit has assigned."),
    )
    phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, help_text=_("Printed on its papers for the applicant to call.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="postal", code__regex=POSTAL_UNIT_CODE_PATTERN)
                | (~models.Q(level="postal") & models.Q(code__regex=AGENCY_CODE_PATTERN)),
                name="agency_code_national_format",
                violation_error_code="agency_code_format",
                violation_error_message=agency_code_validator.message,
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("code"), AGENCY_CODE_MAX_LENGTH),
                name="agency_code_max_length",
                violation_error_code="agency_code_length",
                violation_error_message=_("An agency code has at most 35 characters."),
            ),
            models.CheckConstraint(
                condition=models.Q(deputy_signs=False) | (~models.Q(deputy_name="") & ~models.Q(deputy_title="")),
                name="agency_signing_deputy_named",
                violation_error_code="agency_signing_deputy_named",
                violation_error_message=_("Name the deputy and their title before letting the deputy sign."),
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

    def clean(self) -> None:
        super().clean()
        if self.code and self.level != AgencyLevel.POSTAL:
            try:
                agency_code_validator(self.code)
            except ValidationError as invalid:
                raise ValidationError({"code": invalid}) from None
