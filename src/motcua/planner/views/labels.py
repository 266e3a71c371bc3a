"""Names of the plan's figures and of the inputs' sections, as the pages and the report write them."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..defaults import META, meta_for

INDICATOR_LABELS: dict[str, str | Promise] = {
    "dossiers_year": _("Dossiers a year"),
    "baseline_counters": _("Counters, one civil servant per field"),
    "baseline_fte": _("Staff (FTE), one civil servant per field"),
    "postal_counters": _("Counters, postal model"),
    "postal_fte": _("Postal staff (FTE)"),
    "civil_left_fte": _("Civil servants left at counters (FTE)"),
    "civil_freed_fte": _("Civil servants freed (FTE)"),
    "staff_fewer_fte": _("Staff fewer in all (FTE)"),
    "baseline_state_cost_vnd": _("Cost to the state today (VND a year)"),
    "postal_state_cost_vnd": _("Cost to the state, postal model (VND a year)"),
    "postal_enterprise_cost_vnd": _("Cost of the postal enterprise (VND a year)"),
    "postal_model_cost_vnd": _("Total cost, postal model (VND a year)"),
    "postage_vnd": _("Postage paid by citizens (VND a year)"),
    "visits_avoided": _("Trips to the centre avoided a year"),
    "hours_saved": _("Citizens' hours saved a year"),
    "citizen_vnd_saved": _("Citizens' savings (VND a year)"),
    "mean_wait_minutes": _("Mean wait (minutes)"),
}

SECTIONS: tuple[tuple[str, str | Promise], ...] = (
    ("provinces", _("The province")),
    ("fields", _("Demand by field")),
    ("profile", _("Opening hours and arrivals (peaks)")),
    ("service", _("Counter work and channels")),
    ("costs", _("Costs")),
    ("queue", _("Wait target and queue")),
)

DAY_LABELS: dict[str, str | Promise] = {
    "mon": _("Mon"),
    "tue": _("Tue"),
    "wed": _("Wed"),
    "thu": _("Thu"),
    "fri": _("Fri"),
    "sat": _("Sat"),
    "sun": _("Sun"),
}


def input_label(key: str) -> str:
    """The label of an input's dotted key in the active language, with the code it concerns (a field's, a
    peak's, an hour's) when the key has one: ``fields.DD.dossiers_per_1000`` → "… (DD)"."""
    meta = meta_for(key)
    label = meta.label_en if translation.get_language() == "en" else meta.label_vi
    if key in META:
        return label
    parts = key.split(".")
    for index in range(len(parts)):
        if ".".join([*parts[:index], "*", *parts[index + 1 :]]) in META:
            return f"{label} ({parts[index]})"
    return label


def unit_label(key: str) -> str:
    return meta_for(key).unit
