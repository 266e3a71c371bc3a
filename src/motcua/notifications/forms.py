"""Forms of the notifications pages: the delivery log's filter and a contact's choices."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ChannelKind, NotificationStatus

LANGUAGE_CHOICES = [("vi", "Tiếng Việt"), ("en", "English")]


class LogFilterForm(forms.Form):
    ma = forms.CharField(label=_("Dossier code"), max_length=60, required=False)
    kenh = forms.ChoiceField(label=_("Channel"), choices=[("", _("all")), *ChannelKind.choices], required=False)
    trang_thai = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *NotificationStatus.choices], required=False
    )


class PreferenceForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Send me messages by"),
        choices=ChannelKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language of the messages"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect
    )
