from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from .exchange import inputs_workbook
from .inputs import inputs_from_dict
from .models import Scenario, ScenarioResult, ScenarioStatus, ScenarioVersion
from .scenarios import scenario_status_set, version_sources

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class VersionInline(admin.TabularInline):
    model = ScenarioVersion
    fields = ("number", "note", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a version is saved through the planner's services, which check its inputs


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ("name", "province", "status", "owner", "created_at")
    list_filter = ("status", "province")
    search_fields = ("name",)
    raw_id_fields = ("owner", "parent")
    inlines = [VersionInline]
    actions = ["archive"]

    @admin.action(description=_("Archive the selected scenarios"))
    def archive(self, request, queryset) -> None:
        for scenario in queryset:
            # The admin site is for administrators already: Django's permissions guard it, not the planning scope.
            scenario_status_set(actor=None, scenario=scenario, status=ScenarioStatus.ARCHIVED)


@admin.register(ScenarioVersion)
class ScenarioVersionAdmin(admin.ModelAdmin):
    """Read-only: a version never changes."""

    list_display = ("scenario", "number", "created_by", "created_at")
    readonly_fields = ("scenario", "number", "inputs", "provenance", "note", "created_by", "created_at")
    actions = ["download_inputs"]

    @admin.action(description=_("Download the inputs as an Excel workbook"))
    def download_inputs(self, request, queryset) -> HttpResponse:
        version = queryset.order_by("scenario_id", "-number").first()
        body = inputs_workbook(inputs_from_dict(version.inputs), version_sources(version))
        response = HttpResponse(body, content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="scenario-{version.scenario_id}-v{version.number}.xlsx"'
        )
        return response

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ScenarioResult)
class ScenarioResultAdmin(admin.ModelAdmin):
    list_display = ("version", "scope", "engine", "computed_at", "seconds")
    readonly_fields = ("version", "scope", "engine", "summary", "computed_at", "seconds")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
