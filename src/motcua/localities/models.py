"""Administrative divisions: today's two-level map, and the map in force before 1 July 2025.

Codes are the General Statistics Office codes, kept as zero-padded text (provinces 2 digits,
districts 3, communes 5) as they are printed on official papers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DivisionType(models.TextChoices):
    PROVINCE = "tinh", pgettext_lazy("division type", "province")
    CENTRAL_CITY = "thanh_pho_trung_uong", pgettext_lazy("division type", "centrally-run city")
    COMMUNE = "xa", pgettext_lazy("division type", "commune")
    WARD = "phuong", pgettext_lazy("division type", "ward")
    SPECIAL_ZONE = "dac_khu", pgettext_lazy("division type", "special zone")
    DISTRICT = "huyen", pgettext_lazy("division type", "rural district")
    URBAN_DISTRICT = "quan", pgettext_lazy("division type", "urban district")
    TOWN = "thi_xa", pgettext_lazy("division type", "town")
    PROVINCIAL_CITY = "thanh_pho", pgettext_lazy("division type", "provincial city")
    TOWNSHIP = "thi_tran", pgettext_lazy("division type", "township")


class Province(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=30, choices=DivisionType.choices)
    codename = models.SlugField(_("code name"), max_length=100, unique=True)
    phone_code = models.PositiveSmallIntegerField(_("phone area code"), null=True, blank=True)
    search_name = models.CharField(_("folded name"), max_length=100, db_index=True, editable=False, default="")

    class Meta:
        ordering = ("code",)
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A commune, ward or special zone on today's map (level two)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=30, choices=DivisionType.choices)
    codename = models.CharField(_("code name"), max_length=100)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    search_name = models.CharField(_("folded name"), max_length=100, db_index=True, editable=False)

    class Meta:
        ordering = ("province_id", "name")
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return f"{self.name}, {self.province.name}"


class LegacyProvince(models.Model):
    """One of the 63 provinces of the map in force until 30 June 2025."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=30, choices=DivisionType.choices)
    codename = models.SlugField(_("code name"), max_length=100, unique=True)
    new_province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="legacy_provinces",
        verbose_name=_("province since 1/7/2025"),
    )
    phone_code = models.PositiveSmallIntegerField(_("phone area code"), null=True, blank=True)
    search_name = models.CharField(_("folded name"), max_length=100, db_index=True, editable=False, default="")

    class Meta:
        ordering = ("code",)
        verbose_name = _("province (before 1/7/2025)")
        verbose_name_plural = _("provinces (before 1/7/2025)")

    def __str__(self) -> str:
        return self.name


class LegacyDistrict(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=30, choices=DivisionType.choices)
    province = models.ForeignKey(
        LegacyProvince, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )
    search_name = models.CharField(_("folded name"), max_length=100, db_index=True, editable=False, default="")

    class Meta:
        ordering = ("code",)
        verbose_name = _("district (before 1/7/2025)")
        verbose_name_plural = _("districts (before 1/7/2025)")

    def __str__(self) -> str:
        return self.name


class MappingSource(models.TextChoices):
    """How a commune of the old map is known to lie in a commune of today's map.

    ``MANUAL`` with no commune records an administrator's finding that there is no single successor
    (the commune was split); a reload keeps it, as it keeps every manual mapping.
    """

    SAME_CODE = "same_code", _("the new unit kept this commune's code")
    SAME_NAME = "same_name", _("a new unit of the same name in the successor province")
    MANUAL = "manual", _("set by an administrator")


class LegacyCommune(models.Model):
    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=30, choices=DivisionType.choices)
    district = models.ForeignKey(
        LegacyDistrict, on_delete=models.PROTECT, related_name="communes", verbose_name=_("district")
    )
    new_commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legacy_communes",
        verbose_name=_("commune since 1/7/2025"),
    )
    mapping_source = models.CharField(
        _("how the mapping is known"), max_length=20, choices=MappingSource.choices, blank=True
    )
    search_name = models.CharField(_("folded name"), max_length=100, db_index=True, editable=False)

    class Meta:
        ordering = ("code",)
        verbose_name = _("commune (before 1/7/2025)")
        verbose_name_plural = _("communes (before 1/7/2025)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_commune__isnull=True, mapping_source__in=["", MappingSource.MANUAL])
                | models.Q(new_commune__isnull=False) & ~models.Q(mapping_source=""),
                name="legacy_commune_mapping_has_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.district.name}, {self.district.province.name}"


class LoadedDataset(models.Model):
    """Which version of the bundled map data the tables hold, so a reload can be skipped."""

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    version = models.CharField(_("version"), max_length=255)
    counts = models.JSONField(_("row counts"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("loaded data set")
        verbose_name_plural = _("loaded data sets")

    def __str__(self) -> str:
        return f"{self.name} {self.version}"
