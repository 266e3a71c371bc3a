"""Form fields for choosing which of a procedure's fee lines apply: one radio list per group of alternatives
(nothing pre-chosen), the units asked for optional and per-unit lines (0: not asked), the exemption reason.
Shared by the counter's reception form and the pickup booking; the amounts are ``fees.fee_quote``'s."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.core.templatetags.motcua import vnd

from .fees import MAX_UNITS, FeeChoices, FeeQuote, fee_quote
from .models import Fee

EXEMPTION = "fee_exemption"
# Errors of fee_quote shown beside a fee field (the group's or the line's); others above the fee section.
EXEMPTION_ERRORS = ("fee_exemption_not_provided", "dossier_fee_exemption_too_long")


def group_field(index: int) -> str:
    return f"fee_group_{index}"


def units_field(fee: Fee) -> str:
    return f"fee_units_{fee.pk}"


def _line_label(fee: Fee) -> str:
    amount = vnd(fee.amount) if fee.amount else str(_("Free"))
    if fee.per_unit:
        return f"{fee.description} — {amount} / {fee.per_unit}"
    return f"{fee.description} — {amount}"


def add_fee_fields(form: forms.Form, choices: FeeChoices, *, exemption: bool = True) -> None:
    """One radio list per group of alternatives (nothing pre-chosen), a number of units for each optional
    line (0: not asked) and each per-unit line, and the exemption reason when a line provides for one."""
    for index, group in enumerate(choices.groups, start=1):
        form.fields[group_field(index)] = forms.TypedChoiceField(
            label=_("Which fee applies"),
            choices=[(fee.pk, _line_label(fee)) for fee in group],
            coerce=int,
            widget=forms.RadioSelect(attrs={"class": "fee-choice"}),
            error_messages={"required": _("Choose the fee that applies to this applicant's case.")},
        )
    for fee in choices.lines:
        if not (fee.optional or fee.per_unit):
            continue
        form.fields[units_field(fee)] = forms.IntegerField(
            label=_line_label(fee),
            min_value=0 if fee.optional else 1,
            max_value=MAX_UNITS if fee.per_unit else 1,
            initial=0 if fee.optional else 1,
            help_text=(
                _("Number asked for; 0 when not asked.") if fee.optional else _("Number asked for, at least 1.")
            ),
            widget=forms.NumberInput(attrs={"class": "count-input fee-units", "inputmode": "numeric"}),
        )
    if exemption and choices.exemptible:
        form.fields[EXEMPTION] = forms.CharField(
            label=_("Exempt: reason"),
            required=False,
            max_length=255,
            help_text=_("Only for an applicant the exemptions above cover; leave empty otherwise."),
        )


def chosen_lines(data: dict[str, Any], choices: FeeChoices) -> dict[int, int]:
    """The lines named by the fields' cleaned values: id → units (a per-unit alternative's units count only
    when it is the alternative chosen)."""
    lines: dict[int, int] = {}
    for index, group in enumerate(choices.groups, start=1):
        value = data.get(group_field(index))
        for fee in group:
            if value and int(value) == fee.pk:
                lines[fee.pk] = data.get(units_field(fee)) or 1
    for fee in (*choices.fixed, *choices.optional):
        units = data.get(units_field(fee))
        if units:
            lines[fee.pk] = units
    return lines


def quote_fees(form: forms.Form, choices: FeeChoices, data: dict[str, Any]) -> FeeQuote | None:
    """The quote for the choice made on ``form``, or None with the error beside the field it concerns."""
    if any(name in form.errors for name in form.fields if name.startswith("fee_")):
        return None
    try:
        return fee_quote(fees=choices.lines, chosen=chosen_lines(data, choices), exemption=data.get(EXEMPTION) or "")
    except ApplicationError as error:
        field = EXEMPTION if error.code in EXEMPTION_ERRORS and EXEMPTION in form.fields else None
        form.add_error(field, error.render(get_language()))
        return None
