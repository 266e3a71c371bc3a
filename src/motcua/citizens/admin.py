from django.contrib import admin

from .models import CitizenAccount


@admin.register(CitizenAccount)
class CitizenAccountAdmin(admin.ModelAdmin):
    """Accounts are made by signing in; the keys that tie them to the provider and to dossiers stay as made."""

    list_display = ("owner_number", "full_name", "kind", "phone", "email", "signed_in_at")
    list_filter = ("kind",)
    search_fields = ("owner_number", "full_name", "phone", "email")
    readonly_fields = ("user", "kind", "owner_number", "issuer", "subject", "created_at", "signed_in_at")
    ordering = ("-signed_in_at",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
