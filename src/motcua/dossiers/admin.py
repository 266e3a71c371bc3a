"""Read-only admin for dossiers and the outbox: a dossier changes only through the lifecycle services,
which check the table, the roles and the scope and write history, audit and outbox together."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Dossier, DossierComponent, DossierEvent, DossierStep, OutboxMessage
from .selectors import DueFlag, dossier_due_flag, dossier_filter_due_soon, dossier_filter_overdue


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ComponentInline(ReadOnlyMixin, admin.TabularInline):
    model = DossierComponent
    fields = ("name", "form", "count", "digitized", "reused", "document_ref")
    readonly_fields = fields
    extra = 0


class StepInline(ReadOnlyMixin, admin.TabularInline):
    model = DossierStep
    fields = ("order", "name", "agency", "status", "assignee", "started_at", "due_at", "finished_at")
    readonly_fields = fields
    extra = 0


class EventInline(ReadOnlyMixin, admin.TabularInline):
    model = DossierEvent
    fields = ("seq", "at", "action", "from_status", "to_status", "agency", "actor", "note")
    readonly_fields = fields
    extra = 0
    ordering = ("seq",)


class DeadlineFilter(admin.SimpleListFilter):
    """Overdue and due soon as the inboxes compute them: in working time, paused clocks excluded."""

    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [(flag.value, flag.label) for flag in (DueFlag.OVERDUE, DueFlag.DUE_SOON)]

    def queryset(self, request, queryset):
        if self.value() == DueFlag.OVERDUE:
            return dossier_filter_overdue(dossiers=queryset)
        if self.value() == DueFlag.DUE_SOON:
            return dossier_filter_due_soon(dossiers=queryset)
        return queryset


@admin.register(Dossier)
class DossierAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "status", "lead_agency", "receiving_point", "received_at", "appointment_at", "deadline")
    list_filter = (DeadlineFilter, "status", "channel", "completion", "lead_agency", "receiving_point")
    search_fields = ("code", "applicant_name", "applicant_id_number")
    date_hierarchy = "received_at"
    list_select_related = ("lead_agency", "receiving_point")
    inlines = (ComponentInline, StepInline, EventInline)
    fieldsets = (
        (None, {"fields": ("code", "status", "procedure_version", "lead_agency", "issuing_agency", "channel")}),
        (
            _("Applicant"),
            {
                "fields": (
                    "applicant_kind",
                    "applicant_name",
                    "applicant_id_number",
                    "applicant_phone",
                    "applicant_email",
                    "applicant_address",
                    "representative_name",
                )
            },
        ),
        (
            _("Reception and deadlines"),
            {
                "fields": (
                    "receiving_point",
                    "received_by",
                    "received_at",
                    "appointment_at",
                    "original_appointment_at",
                    "extension_reason",
                    "supplement_requests",
                )
            },
        ),
        (
            _("Result"),
            {
                "fields": (
                    "fees_charged",
                    "fees_paid",
                    "return_method",
                    "return_address",
                    "processed_at",
                    "returned_at",
                    "completion",
                )
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        return [name for _title, options in self.fieldsets for name in options["fields"]]

    @admin.display(description=_("deadline"))
    def deadline(self, obj: Dossier) -> str:
        return str(dossier_due_flag(dossier=obj).label)


class DeliveredFilter(admin.SimpleListFilter):
    title = _("delivered")
    parameter_name = "delivered"

    def lookups(self, request, model_admin):
        return [("yes", _("delivered")), ("no", _("not delivered yet")), ("failing", _("failing"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(dispatched_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(dispatched_at__isnull=True)
        if self.value() == "failing":
            return queryset.filter(dispatched_at__isnull=True, attempts__gt=0)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("id", "topic", "key", "created_at", "dispatched_at", "attempts")
    list_filter = (DeliveredFilter, "topic")
    search_fields = ("key", "topic")
    fields = ("key", "topic", "payload", "created_at", "dispatched_at", "attempts", "last_error")
    readonly_fields = fields
