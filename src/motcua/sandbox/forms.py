from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import ReceivingPoint
from motcua.procedures.models import Field

from .services import MAX_CASES, MIN_CASES

DEFAULT_CASES = 5


class StartForm(forms.Form):
    point = forms.ModelChoiceField(
        label=_("My receiving point"), queryset=ReceivingPoint.objects.none(), empty_label=None
    )
    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.none(), empty_label=None)
    cases = forms.IntegerField(label=_("Cases"), min_value=MIN_CASES, max_value=MAX_CASES, initial=DEFAULT_CASES)

    def __init__(self, *args: Any, points: Any, fields: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = points  # type: ignore[attr-defined]
        self.fields["field"].queryset = fields  # type: ignore[attr-defined]
