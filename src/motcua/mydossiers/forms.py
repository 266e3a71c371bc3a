"""The citizen's forms. Text is bounded, and the input guard refuses NUL bytes before a form sees them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import ReturnMethod


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class SupplementForm(forms.Form):
    papers = MultipleFileField(
        label=_("Files (PDF, JPEG, PNG or TIFF)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff"}),
    )
    note = forms.CharField(
        label=_("Note for the one-stop (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StopForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you want processing stopped?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeliveryForm(forms.Form):
    address = forms.CharField(label=_("House number, street, hamlet"), max_length=180)
    commune = forms.CharField(
        label=_("Commune or ward (code from the list)"),
        max_length=5,
        widget=forms.TextInput(attrs={"list": "communes", "inputmode": "numeric", "autocomplete": "off"}),
    )


class ReturnChoiceForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Receive the result"),
        choices=[
            (ReturnMethod.COUNTER.value, _("at the counter")),
            (ReturnMethod.ELECTRONIC.value, _("electronically")),
        ],
    )


class ConsentForm(forms.Form):
    point = forms.CharField(required=False, max_length=40)  # a receiving point's code; empty: every centre
    granted = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
