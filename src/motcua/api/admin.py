from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from .models import ApiToken
from .services import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with ``manage.py api_token`` (the token is shown once); here they are seen and revoked."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at", "state")
    list_filter = ("revoked_at", "expires_at")
    search_fields = ("name", "prefix", "user__username", "user__full_name")
    list_select_related = ("user",)
    readonly_fields = ("user", "prefix", "token_hash", "created_at", "last_used_at", "expires_at", "revoked_at")
    fields = ("user", "name", *readonly_fields[1:])
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("state"))
    def state(self, obj: ApiToken) -> str:
        if obj.revoked_at is not None:
            return str(pgettext("API token state", "revoked"))
        if not obj.is_usable(timezone.now()):
            return str(pgettext("API token state", "expired"))
        return str(pgettext("API token state", "active"))

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count},
            messages.SUCCESS,
        )
