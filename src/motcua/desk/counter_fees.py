"""The fee part of the counter's reception form: which line of a procedure's fees applies, the copies asked,
an exemption, and the quote (fees, and postage when the result goes back by post) shown live while the
clerk chooses. The amounts come from ``procedures.fees.fee_quote`` and ``postal.tariffs`` only, so what the
page quotes is what the reception charges and records (docs/domain.md, "Fees and postage")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import get_language

from motcua.agencies.models import ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.dossiers.models import ReturnMethod
from motcua.dossiers.services.receive import version_parts
from motcua.postal.tariffs import return_postage_quote
from motcua.procedures.fee_forms import (
    EXEMPTION,
    add_fee_fields,
    group_field,
    quote_fees,
    units_field,
)
from motcua.procedures.fees import FeeChoices, FeeQuote, fee_choices
from motcua.procedures.models import ProcedureVersion


def quote_postage(point: ReceivingPoint | None) -> tuple[int | None, str]:
    """The postage of returning the result by post from ``point``, or None and why: without a tariff in force
    the reception still goes ahead, and the delivery quotes the postage when it is created."""
    if point is None:
        return None, ""
    try:
        return return_postage_quote(point=point).price, ""
    except ApplicationError as error:
        return None, error.render(get_language())


@dataclass(frozen=True)
class FeeGroupRow:
    field: forms.BoundField
    units: list[forms.BoundField]


def fee_section(form: forms.Form, choices: FeeChoices) -> dict[str, Any]:
    """What the template shows: the lines that always apply, each group's radios, the optional lines."""
    return {
        "fixed": [(fee, form[units_field(fee)] if units_field(fee) in form.fields else None) for fee in choices.fixed],
        "groups": [
            FeeGroupRow(
                form[group_field(index)], [form[units_field(f)] for f in group if units_field(f) in form.fields]
            )
            for index, group in enumerate(choices.groups, start=1)
        ],
        "optional": [form[units_field(fee)] for fee in choices.optional],
        "exemption": form[EXEMPTION] if EXEMPTION in form.fields else None,
    }


# --- the live quote (htmx) ---------------------------------------------------------------------------------


class FeeQuoteForm(forms.Form):
    """The parts of the reception form the quote depends on, read from the form as it stands."""

    receiving_point = forms.ModelChoiceField(queryset=ReceivingPoint.objects.none(), required=False)
    return_method = forms.ChoiceField(choices=ReturnMethod.choices, required=False)

    def __init__(self, *args: Any, version: ProcedureVersion, points: QuerySet[ReceivingPoint], **kwargs: Any):
        super().__init__(*args, **kwargs)
        point_field = self.fields["receiving_point"]
        assert isinstance(point_field, forms.ModelChoiceField)
        point_field.queryset = points
        self.choices = fee_choices(version_parts(version).fees)
        add_fee_fields(self, self.choices)
        for name in self.fields:
            if name.startswith("fee_group_"):
                self.fields[name].required = False
        self.quote: FeeQuote | None = None
        self.postage: int | None = None
        self.postage_error = ""
        self.missing_choice = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.missing_choice = any(not data.get(group_field(i)) for i in range(1, len(self.choices.groups) + 1))
        if not self.missing_choice:
            self.quote = quote_fees(self, self.choices, data)
        if data.get("return_method") == ReturnMethod.POST:
            self.postage, self.postage_error = quote_postage(data.get("receiving_point"))
        return data
