from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import LocalIdentity


class LocalIdentityForm(forms.ModelForm):
    new_password = forms.CharField(
        label=_("New password"), required=False, strip=False, widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the current password."),
    )  # fmt: skip

    class Meta:
        model = LocalIdentity
        fields = ("number", "kind", "full_name", "birth_date", "phone", "email", "address", "is_active")

    def save(self, commit: bool = True) -> LocalIdentity:
        identity: LocalIdentity = super().save(commit=False)
        if self.cleaned_data.get("new_password"):
            identity.set_password(self.cleaned_data["new_password"])
        if commit:
            identity.save()
        return identity


@admin.register(LocalIdentity)
class LocalIdentityAdmin(admin.ModelAdmin):
    """The local provider's test identities; the number and subject are fixed once made."""

    form = LocalIdentityForm
    list_display = ("number", "full_name", "kind", "phone", "email", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("number", "full_name", "phone", "email")
    readonly_fields = ("subject",)

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return ("subject", "number") if obj is not None else ("subject",)
