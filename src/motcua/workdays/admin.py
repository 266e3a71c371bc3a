from django.contrib import admin
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import DayOverride
from .services import day_override_delete, day_override_save


class YearListFilter(admin.SimpleListFilter):
    """Years that have overrides, newest first: each year's schedule is announced and checked as a whole."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(day.year), str(day.year)) for day in DayOverride.objects.dates("date", "year", order="DESC")]

    def queryset(self, request, queryset):
        value = self.value()
        # A year a date can have (1..9999); anything else lists every year rather than failing.
        return (
            queryset.filter(date__year=int(value)) if value and value.isdigit() and 0 < int(value) < 10000 else queryset
        )


@admin.register(DayOverride)
class DayOverrideAdmin(admin.ModelAdmin):
    """Thin: the services validate, save or delete, and audit; the signals refresh the calendar cache."""

    list_display = ("date", "weekday", "kind", "name", "legal_basis", "updated_at")
    list_filter = (YearListFilter, "kind")
    search_fields = ("name", "legal_basis")
    date_hierarchy = "date"
    ordering = ("-date",)
    readonly_fields = ("updated_at",)
    fields = ("date", "kind", "name", "legal_basis", "updated_at")

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, obj: DayOverride) -> str:
        return date_format(obj.date, "l")

    def save_model(self, request, obj, form, change):
        day_override_save(override=obj, actor=request.user)

    def delete_model(self, request, obj):
        day_override_delete(override=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for override in queryset:
                day_override_delete(override=override, actor=request.user)
