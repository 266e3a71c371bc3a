"""Forms of the certification pages: a waiver, a revocation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.procedures.models import Field

from .catalogue import gated_stages

DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]


class WaiverForm(forms.Form):
    user = forms.ChoiceField(label=_("Member of staff"))
    stage = forms.ChoiceField(label=_("Stage"))
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.order_by("name"), required=False, empty_label=_("every field")
    )
    starts = forms.DateField(label=_("From"), input_formats=DATE_INPUT)
    ends = forms.DateField(label=_("Until"), input_formats=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def __init__(self, *args, staff: list, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(user.pk): user for user in staff}
        self.fields["user"].choices = [  # type: ignore[attr-defined]
            (str(user.pk), f"{user.get_full_name() or user.get_username()} ({user.get_username()})") for user in staff
        ]
        self.fields["stage"].choices = [  # type: ignore[attr-defined]
            (code, stage.name_en if language.startswith("en") else stage.name_vi)
            for code, stage in gated_stages().items()
        ]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
