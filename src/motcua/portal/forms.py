"""The catalogue's search and filter form; it only parses the query string."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.procedures.selectors import field_list

from .guide import LEVEL_LABELS


def _field_choices() -> list[tuple[str, Any]]:
    return [("", pgettext_lazy("filter", "All")), *((field.code, field.name) for field in field_list())]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Procedure name or code"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("e.g. birth registration, 1.001193"),
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    field = forms.ChoiceField(label=_("Field"), required=False, choices=_field_choices)
    level = forms.ChoiceField(
        label=_("Implementing level"),
        required=False,
        choices=lambda: [("", pgettext_lazy("filter", "All")), *LEVEL_LABELS.items()],
    )

    thu_gom = forms.BooleanField(label=_("Home pickup by the post"), required=False)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``procedure_search``; an invalid value counts as no filter."""
        self.is_valid()  # an invalid value is left out of cleaned_data
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "field_code": data.get("field") or None,
            "level": data.get("level") or None,
        }

    @property
    def pickup_only(self) -> bool:
        """Only procedures whose dossier the post may collect at home (the home page's pickup link)."""
        self.is_valid()
        return bool(self.cleaned_data.get("thu_gom"))

    @property
    def has_filters(self) -> bool:
        values = self.filters()
        return bool(values["field_code"] or values["level"] or self.pickup_only)
