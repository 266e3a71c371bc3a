"""The stage catalogue in Django's admin. Published and retired versions open read-only, inlines included;
actions copy a version into a draft and publish a draft through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

from .models import CatalogueVersion, Stage, StageEvent, StageStep, VersionStatus
from .services import catalogue_version_copy, catalogue_version_publish


def _editable(obj: Any) -> bool:
    """A draft version, or a stage, step or event of one."""
    version = getattr(obj, "version", None) or getattr(getattr(obj, "stage", None), "version", None) or obj
    return obj is None or getattr(version, "status", VersionStatus.DRAFT) == VersionStatus.DRAFT


class _DraftOnly:
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class _DraftInline(_DraftOnly):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """``obj`` is the parent: rows are added to a draft's stage only."""
        return _editable(obj) and super().has_add_permission(request, obj)  # type: ignore[misc]


class StageInline(_DraftInline, admin.TabularInline):
    model = Stage
    fields = ("sort_order", "code", "name_vi", "performer", "time_standard_minutes", "time_basis")
    show_change_link = True
    extra = 0


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(_DraftOnly, admin.ModelAdmin):
    list_display = ("number", "status", "published_at", "note")
    list_filter = ("status",)
    readonly_fields = ("number", "status", "published_at", "created_at")
    fields = ("number", "status", "published_at", "note", "created_at")
    inlines = (StageInline,)
    actions = ("copy_to_draft", "publish")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a version is made by copying one or importing a workbook

    @admin.action(description=_("Copy into a new draft"))
    def copy_to_draft(self, request: HttpRequest, queryset: Any) -> None:
        for version in queryset:
            try:
                draft = catalogue_version_copy(version=version, actor=request.user)
            except ApplicationError as error:
                messages.error(request, error.bilingual())
            else:
                messages.success(request, _("Draft version %(number)s made.") % {"number": draft.number})

    @admin.action(description=_("Publish the draft (retires the published version)"))
    def publish(self, request: HttpRequest, queryset: Any) -> None:
        for version in queryset:
            try:
                catalogue_version_publish(version=version, actor=request.user)
            except ApplicationError as error:
                messages.error(request, error.bilingual())
            else:
                messages.success(request, _("Version %(number)s published.") % {"number": version.number})


class StepInline(_DraftInline, admin.TabularInline):
    model = StageStep
    fields = ("order", "text_vi", "text_en", "actor")
    extra = 0


class EventInline(_DraftInline, admin.TabularInline):
    model = StageEvent
    fields = ("boundary", "order", "kind", "name")
    extra = 0


@admin.register(Stage)
class StageAdmin(_DraftOnly, admin.ModelAdmin):
    list_display = ("code", "name_vi", "version", "performer", "time_standard_minutes", "sort_order")
    list_filter = ("version", "performer")
    search_fields = ("code", "name_vi", "name_en")
    inlines = (StepInline, EventInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a stage is added to a draft version on the version's page

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("version",) if obj is not None else ()
