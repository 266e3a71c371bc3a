"""The queue in Django's admin: services and devices are set up here; shifts, tickets, their events, appointments
and ratings are records of what happened, so they are shown read-only (the services write them, with their
rules; an edit here would bypass the wait the figures measure)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Appointment, CounterRating, CounterShift, QueueDevice, QueueService, Ticket, TicketEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(QueueService)
class QueueServiceAdmin(admin.ModelAdmin):
    list_display = ("letter", "name", "point", "kind", "field", "service_minutes", "appointments", "is_active")
    list_filter = ("kind", "is_active", "appointments")
    search_fields = ("name", "name_en", "point__code", "point__name")
    raw_id_fields = ("point",)
    ordering = ("point", "order", "letter")


@admin.register(QueueDevice)
class QueueDeviceAdmin(admin.ModelAdmin):
    list_display = ("name", "point", "kind", "counter", "is_active", "last_seen_at", "address")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "point__code", "point__name")
    raw_id_fields = ("point", "counter")
    readonly_fields = ("address", "last_seen_at")

    @admin.display(description=_("address"))
    def address(self, obj: QueueDevice) -> str:
        """The page that opens the device, with its secret key: set it as the browser's start page there."""
        path = obj.get_absolute_url() if obj.pk else ""
        return format_html('<a href="{0}" target="_blank" rel="noopener">{0}</a>', path) if path else "–"


@admin.register(CounterShift)
class CounterShiftAdmin(ReadOnlyAdmin):
    list_display = ("counter", "user", "opened_at", "closed_at")
    list_filter = ("counter__receiving_point",)
    search_fields = ("user__username", "user__full_name", "counter__receiving_point__code")
    date_hierarchy = "opened_at"


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    fields = ("at", "kind", "counter", "user", "detail")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = (
        "label",
        "point",
        "day",
        "service",
        "channel",
        "priority",
        "status",
        "issued_at",
        "called_at",
        "counter",
        "clerk",
    )
    list_filter = ("status", "channel", "priority", "day")
    search_fields = ("label", "point__code")
    date_hierarchy = "issued_at"
    exclude = ("token",)  # the QR page's secret: whoever reads the admin needs it not
    inlines = [TicketEventInline]


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = ("code", "point", "service", "slot_start", "name", "status", "checked_in_at", "ticket")
    list_filter = ("status",)
    search_fields = ("code", "name", "phone", "email", "point__code")
    date_hierarchy = "slot_start"


@admin.register(CounterRating)
class CounterRatingAdmin(ReadOnlyAdmin):
    list_display = ("ticket", "point", "counter", "clerk", "score", "source", "created_at")
    list_filter = ("score", "source")
    search_fields = ("ticket__label", "point__code", "clerk__username")
    date_hierarchy = "created_at"
