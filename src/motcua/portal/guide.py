"""How a procedure is put into words for the citizen and the clerk who guides them.

The labels are the portal's own (capitalised, phrased for a citizen) rather than the models' choice labels,
which are written for administrators; an unknown value falls back to the model's label.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from motcua.core.templatetags.motcua import vnd
from motcua.procedures.fees import fee_choices
from motcua.procedures.models import (
    Component,
    ComponentForm,
    Fee,
    FeeKind,
    ImplementingLevel,
    OnlineSubmission,
    ProcedureVersion,
    TimeLimitUnit,
)

LEVEL_LABELS = {
    ImplementingLevel.CENTRAL.value: pgettext_lazy("implementing level", "Central"),
    ImplementingLevel.PROVINCE.value: pgettext_lazy("implementing level", "Province"),
    ImplementingLevel.COMMUNE.value: pgettext_lazy("implementing level", "Commune"),
}

COMPONENT_FORM_LABELS = {
    ComponentForm.ORIGINAL.value: _("Original"),
    ComponentForm.COPY.value: _("Copy"),
    ComponentForm.CERTIFIED_COPY.value: _("Certified copy"),
    ComponentForm.ORIGINAL_OR_COPY.value: _("Original or certified copy"),
    ComponentForm.SHOWN.value: _("Original, shown for comparison"),
    ComponentForm.ELECTRONIC.value: _("Electronic"),
}

FEE_KIND_LABELS = {
    FeeKind.FEE.value: pgettext_lazy("fee kind", "Fee"),
    FeeKind.CHARGE.value: pgettext_lazy("fee kind", "Charge"),
}


def level_labels(levels: Iterable[str] | None) -> list[str]:
    return [str(LEVEL_LABELS.get(level, level)) for level in levels or []]


def component_form_label(component: Component) -> str:
    label = COMPONENT_FORM_LABELS.get(component.form)
    return str(label) if label else component.get_form_display()


def fee_kind_label(fee: Fee) -> str:
    label = FEE_KIND_LABELS.get(fee.kind)
    return str(label) if label else fee.get_kind_display()


def _number(value: Decimal) -> tuple[str, int]:
    """``value`` written for the current language, and the count that picks the plural form."""
    value = Decimal(value)
    if value == value.to_integral_value():
        whole = int(value)
        return number_format(whole), whole
    # A fraction takes the plural in English ("0.5 working days"); Vietnamese has one form.
    return number_format(value.normalize()), 2


def time_limit_words(version: ProcedureVersion) -> str:
    """The statutory time limit as a citizen reads it: "3 ngày làm việc", "trong ngày (trước 15:00)"."""
    if version.same_day_cutoff:
        return _("within the day (before %(time)s)") % {"time": settings.WORKDAY_SAME_DAY_CUTOFF}
    text, count = _number(version.time_limit)
    unit = version.time_limit_unit
    if unit == TimeLimitUnit.WORKING_DAYS:
        return ngettext("%(n)s working day", "%(n)s working days", count) % {"n": text}
    if unit == TimeLimitUnit.CALENDAR_DAYS:
        return ngettext("%(n)s calendar day", "%(n)s calendar days", count) % {"n": text}
    if unit == TimeLimitUnit.WORKING_HOURS:
        return ngettext("%(n)s working hour", "%(n)s working hours", count) % {"n": text}
    return f"{text} {version.get_time_limit_unit_display()}"


def step_duration_words(duration: Decimal, unit: str) -> str:
    """A process step's share of the time limit, in the procedure's unit."""
    text, count = _number(duration)
    if unit == TimeLimitUnit.WORKING_HOURS:
        return ngettext("%(n)s working hour", "%(n)s working hours", count) % {"n": text}
    if unit == TimeLimitUnit.CALENDAR_DAYS:
        return ngettext("%(n)s calendar day", "%(n)s calendar days", count) % {"n": text}
    return ngettext("%(n)s working day", "%(n)s working days", count) % {"n": text}


def fee_summary(fees: Iterable[Fee]) -> str:
    """One line for a list of results: what the lines that must be paid come to, never the sum of alternatives
    nor optional lines: "Không thu phí", "8.000 ₫", "500.000 ₫ hoặc 2.500.000 ₫", "từ 8.000 ₫" (many cases)."""
    totals = fee_choices(fees).possible_totals()
    if not any(totals):
        return str(_("No fee"))
    if len(totals) == 1:
        return vnd(totals[0])
    if len(totals) <= 3:
        word = pgettext_lazy("between amounts", "or")
        return f" {word} ".join(vnd(total) if total else str(_("no fee")) for total in totals)
    # Several groups of alternatives: the detail page has them all.
    return _("from %(amount)s") % {"amount": vnd(min(totals))}


def fees_have_choices(fees: Iterable[Fee]) -> bool:
    return any(fee.group is not None or fee.optional for fee in fees)


def fee_condition(fee: Fee) -> str:
    """When a line applies, as the fee table says it: "one of the alternatives", "only if asked, per copy"."""
    parts = []
    if fee.group is not None:
        parts.append(str(_("one of the alternatives: only the line for the applicant's case applies")))
    if fee.optional:
        parts.append(str(_("only if the applicant asks for it")))
    if fee.per_unit:
        parts.append(str(_("per %(unit)s") % {"unit": fee.per_unit}))
    return "; ".join(parts)


def submission_channels(version: ProcedureVersion) -> list[str]:
    channels = [str(_("In person at the one-stop department or a receiving post office"))]
    if version.postal_pickup:
        channels.append(str(_("By post: send the dossier through the public postal service, or book a pickup at home")))
    if version.online_submission == OnlineSubmission.FULL:
        channels.append(str(_("Online, fully: the whole procedure on the National Public Service Portal")))
    elif version.online_submission == OnlineSubmission.PARTIAL:
        channels.append(
            str(_("Online, partly: file on the National Public Service Portal, bring the originals when told"))
        )
    return channels


def return_channels(version: ProcedureVersion) -> list[str]:
    channels = [str(_("In person where the dossier was received (bring the receipt)"))]
    if version.postal_return:
        channels.append(str(_("By post to the applicant's address (postage paid by the applicant)")))
    return channels
