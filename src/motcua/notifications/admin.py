"""Notifications in Django's admin, read-only: they are records of what was sent (the services write them; the
delivery log at /giam-sat/thong-bao/ is where staff read them and send a failed one again)."""

from __future__ import annotations

from django.contrib import admin

from .models import ContactPreference, Notification, SimulatedMessage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "dossier", "event", "channel", "recipient_masked", "status", "attempts", "sent_at")
    list_filter = ("status", "channel", "event")
    search_fields = ("dossier__code", "key")
    exclude = ("recipient",)


@admin.register(ContactPreference)
class ContactPreferenceAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "email_off", "sms_off", "zalo_off", "language", "updated_at")
    exclude = ("contact",)


@admin.register(SimulatedMessage)
class SimulatedMessageAdmin(ReadOnlyAdmin):
    list_display = ("sent_at", "channel", "reference", "to")
    list_filter = ("channel",)
