"""Administration of the maps: read-only units, searchable without accents; old communes can be mapped by hand."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.core.errors import ApplicationError

from .models import Commune, LegacyCommune, LegacyDistrict, LegacyProvince, LoadedDataset, Province
from .naming import name_key
from .services import legacy_commune_mapping_check, legacy_commune_mapping_reset, legacy_commune_set_mapping


class FoldedSearchAdmin(admin.ModelAdmin):
    """Search the folded name, so "hoan kiem" finds "Hoàn Kiếm"; a code is matched exactly."""

    search_fields = ("search_name", "=code")
    search_help_text = _("Name without accents or code, e.g. “phuong hoan kiem”.")

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, name_key(search_term))


class ReadOnlyMixin:
    """The units come from the bundled data (``load_localities``); they are not edited by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Province)
class ProvinceAdmin(ReadOnlyMixin, FoldedSearchAdmin):
    list_display = ("code", "name", "division_type", "phone_code")
    list_filter = ("division_type",)


@admin.register(Commune)
class CommuneAdmin(ReadOnlyMixin, FoldedSearchAdmin):
    list_display = ("code", "name", "division_type", "province")
    list_filter = ("province", "division_type")
    list_select_related = ("province",)


@admin.register(LegacyProvince)
class LegacyProvinceAdmin(ReadOnlyMixin, FoldedSearchAdmin):
    list_display = ("code", "name", "division_type", "new_province")
    list_filter = ("new_province",)
    list_select_related = ("new_province",)


@admin.register(LegacyDistrict)
class LegacyDistrictAdmin(ReadOnlyMixin, FoldedSearchAdmin):
    list_display = ("code", "name", "division_type", "province")
    list_filter = ("province",)
    list_select_related = ("province",)


class LegacyCommuneForm(forms.ModelForm):
    class Meta:
        model = LegacyCommune
        fields = ("new_commune",)
        help_texts = {
            "new_commune": _(
                "The commune of today's map this commune became (or the one holding most of it). Saving marks "
                "the mapping as set by an administrator; leaving it empty records that there is no single "
                "successor. Reloading the data keeps it."
            )
        }

    def clean_new_commune(self):
        new_commune = self.cleaned_data.get("new_commune")
        try:
            legacy_commune_mapping_check(legacy_commune=self.instance, new_commune=new_commune)
        except ApplicationError as error:
            raise forms.ValidationError(error.render(translation.get_language() or "vi"), code=error.code) from error
        return new_commune


@admin.register(LegacyCommune)
class LegacyCommuneAdmin(FoldedSearchAdmin):
    form = LegacyCommuneForm
    list_display = ("code", "name", "district", "legacy_province", "new_commune", "mapping_source")
    list_filter = ("mapping_source", "district__province__new_province", "district__province")
    list_select_related = ("district__province", "new_commune__province")
    fields = ("code", "name", "division_type", "district", "legacy_province", "new_commune", "mapping_source")
    readonly_fields = ("code", "name", "division_type", "district", "legacy_province", "mapping_source")
    autocomplete_fields = ("new_commune",)
    actions = ("reset_to_automatic",)

    @admin.display(description=_("province (before 1/7/2025)"), ordering="district__province__code")
    def legacy_province(self, obj: LegacyCommune) -> str:
        return obj.district.province.name

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if "new_commune" in form.changed_data:
            legacy_commune_set_mapping(code=obj.code, new_commune_code=obj.new_commune_id)
            obj.refresh_from_db()

    @admin.action(description=_("Go back to the automatic mapping"), permissions=("change",))
    def reset_to_automatic(self, request, queryset):
        changed = legacy_commune_mapping_reset(codes=list(queryset.values_list("code", flat=True)))
        self.message_user(
            request,
            ngettext("%(count)d commune changed.", "%(count)d communes changed.", changed) % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(LoadedDataset)
class LoadedDatasetAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "version", "loaded_at")
    readonly_fields = ("name", "version", "counts", "loaded_at")
