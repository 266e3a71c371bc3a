"""The figures and charts of a province's plan, shared by its page and its PDF report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from motcua.core import charts
from motcua.core.charts import Series, number

from ..detail import WaitDistribution
from ..inputs import WEEKDAYS
from ..model.sensitivity import SWING, Sensitivity
from .labels import DAY_LABELS, input_label


def million_vnd(value: float) -> str:
    return _("%(amount)s million ₫") % {"amount": number(value / 1_000_000, 0)}


@dataclass(frozen=True)
class ComparisonLine:
    label: str
    baseline: float | None
    postal: float
    money: bool = False
    digits: int = 1

    @property
    def difference(self) -> float:
        return self.postal - (self.baseline or 0)


def comparison(figures: dict[str, Any]) -> list[ComparisonLine]:
    """The two ways of organising side by side: counters, staff, and what each costs whom."""
    return [
        ComparisonLine(_("Counters"), figures["baseline_counters"], figures["postal_counters"], digits=0),
        ComparisonLine(
            _("Staff at the busiest hour"), figures["baseline_peak_staff"], figures["postal_peak_staff"], digits=0
        ),
        ComparisonLine(_("Civil servants at counters (FTE)"), figures["baseline_fte"], figures["civil_left_fte"]),
        ComparisonLine(_("Postal staff (FTE)"), None, figures["postal_fte"]),
        ComparisonLine(
            _("All staff at counters (FTE)"), figures["baseline_fte"], figures["postal_fte"] + figures["civil_left_fte"]
        ),
        ComparisonLine(
            _("Cost to the state (a year)"),
            figures["baseline_state_cost_vnd"],
            figures["postal_state_cost_vnd"],
            money=True,
        ),
        ComparisonLine(
            _("Cost of the postal enterprise (a year)"), None, figures["postal_enterprise_cost_vnd"], money=True
        ),
        ComparisonLine(
            _("Total cost (a year)"), figures["baseline_state_cost_vnd"], figures["postal_model_cost_vnd"], money=True
        ),
    ]


def open_grid(open_hours: list[float]) -> tuple[list[str], list[int]]:
    """The days and clock hours of the week with any opening."""
    days = [day for index, day in enumerate(WEEKDAYS) if any(open_hours[index * 24 : index * 24 + 24])]
    hours = sorted({hour % 24 for hour, share in enumerate(open_hours) if share > 0})
    return days, hours


def staff_heatmap(
    *, title: str, open_hours: list[float], staff: list[int], desc_lead: str, top: float | None = None
) -> str:
    days, hours = open_grid(open_hours)
    values = [
        [
            staff[WEEKDAYS.index(day) * 24 + hour] if open_hours[WEEKDAYS.index(day) * 24 + hour] > 0 else None
            for hour in hours
        ]
        for day in days
    ]
    busiest = max((value for row in values for value in row if value is not None), default=0)
    desc = _("%(lead)s The busiest hour needs %(busiest)s people; closed hours are grey.") % {
        "lead": desc_lead,
        "busiest": number(busiest),
    }
    return charts.heatmap(
        title=title,
        desc=desc,
        rows=[str(DAY_LABELS[day]) for day in days],
        columns=[f"{hour:02d}h" for hour in hours],
        values=values,
        top=top,
    )


def cost_chart(figures: dict[str, Any]) -> str:
    baseline, postal = figures["baseline_state_cost_vnd"], figures["postal_model_cost_vnd"]
    desc = _(
        "Yearly cost with one civil servant per field: %(baseline)s; with the postal model: %(postal)s, of which "
        "%(state)s for the state and %(enterprise)s for the postal enterprise."
    ) % {
        "baseline": million_vnd(baseline),
        "postal": million_vnd(postal),
        "state": million_vnd(figures["postal_state_cost_vnd"]),
        "enterprise": million_vnd(figures["postal_enterprise_cost_vnd"]),
    }
    return charts.bars(
        title=_("Cost a year"),
        desc=desc,
        series=[
            Series(_("One civil servant per field"), charts.BASELINE_COLOUR),
            Series(_("Postal model"), charts.SCENARIO_COLOUR),
        ],
        groups=[
            (_("Cost to the state"), [baseline, figures["postal_state_cost_vnd"]]),
            (_("Postal enterprise"), [0.0, figures["postal_enterprise_cost_vnd"]]),
            (_("Total"), [baseline, postal]),
        ],
        fmt=million_vnd,
    )


def tornado_chart(result: Sensitivity, *, rows: int = 8) -> str:
    lines = [
        (input_label(row.key), row.low.postal_model_staff, row.high.postal_model_staff) for row in result.rows[:rows]
    ]
    top = lines[0] if lines else None
    desc = _("Staff of the postal model (FTE): %(base)s with the scenario's inputs.") % {
        "base": number(result.base.postal_model_staff, 1)
    }
    if top is not None:
        desc += " " + _("It moves most with %(input)s: from %(low)s to %(high)s.") % {
            "input": top[0],
            "low": number(top[1], 1),
            "high": number(top[2], 1),
        }
    swing = charts.percent(SWING)
    return charts.tornado(
        title=_("What moves the staff needed: each input %(swing)s lower and higher") % {"swing": swing},
        desc=desc,
        base=result.base.postal_model_staff,
        rows=lines,
        low_label=_("input %(swing)s lower") % {"swing": swing},
        high_label=_("input %(swing)s higher") % {"swing": swing},
        fmt=lambda value: number(value, 1),
    )


def waits_chart(waits: WaitDistribution, *, target_minutes: float, goal: float) -> str:
    index = min(range(len(waits.minutes)), key=lambda i: abs(waits.minutes[i] - target_minutes))
    desc = _(
        "Share of citizens served within each wait. Within %(target)s minutes: %(baseline)s with one civil "
        "servant per field, %(scenario)s with the scenario's organisation; the goal is %(goal)s."
    ) % {
        "target": number(target_minutes),
        "baseline": charts.percent(waits.baseline[index], 1),
        "scenario": charts.percent(waits.scenario[index], 1),
        "goal": charts.percent(goal),
    }
    return charts.share_lines(
        title=_("Waits: share of citizens served within … minutes"),
        desc=desc,
        x_labels=[number(minutes) if minutes % 5 == 0 else "" for minutes in waits.minutes],
        series=[
            (Series(_("One civil servant per field"), charts.BASELINE_COLOUR), waits.baseline),
            (Series(_("Scenario"), charts.SCENARIO_COLOUR), waits.scenario),
        ],
        goal=goal,
        goal_label=_("goal %(goal)s") % {"goal": charts.percent(goal)},
        marker_index=index,
        marker_label=_("%(minutes)s min") % {"minutes": number(target_minutes)},
        x_values=waits.minutes,
    )
