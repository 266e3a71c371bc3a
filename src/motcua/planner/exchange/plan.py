"""A plan as an Excel workbook: communes with their staff by hour, province totals, the comparison of the two
ways of organising, the citizens' benefits, and the inputs with their sources (the same sheets an inputs
import reads, so the workbook can be edited and imported back as a new version)."""

from __future__ import annotations

import io
from typing import Any

from ..inputs import WEEKDAYS, ScenarioInputs
from ..model.plan import CountryPlan, Figures
from ..model.summary import BENEFIT_FIGURES, COST_FIGURES, STAFF_FIGURES, VOLUME_FIGURES
from .inputs import inputs_rows, write_sheets

COMMUNE_COLUMNS = (*VOLUME_FIGURES, *STAFF_FIGURES, "mean_wait_minutes")
PROVINCE_COLUMNS = ("communes", *COMMUNE_COLUMNS, *COST_FIGURES, "postal_model_cost_vnd", *BENEFIT_FIGURES)
BENEFIT_COLUMNS = ("visits_avoided", "hours_saved", "citizen_vnd_saved", "postage_vnd")
# indicator, the baseline's figure, the postal model's figure
COMPARISON = (
    ("counters", "baseline_counters", "postal_counters"),
    ("peak_staff", "baseline_peak_staff", "postal_peak_staff"),
    ("civil_servants_fte", "baseline_fte", "civil_left_fte"),
    ("postal_staff_fte", None, "postal_fte"),
    ("state_cost_vnd_year", "baseline_state_cost_vnd", "postal_state_cost_vnd"),
    ("postal_enterprise_cost_vnd_year", None, "postal_enterprise_cost_vnd"),
    ("total_cost_vnd_year", "baseline_state_cost_vnd", "postal_model_cost_vnd"),
)


def _value(figures: Figures, name: str) -> float:
    value = getattr(figures, name)
    return value if isinstance(value, int) else round(value, 3)


def plan_rows(plan: CountryPlan) -> dict[str, list[list[Any]]]:
    open_hours = [hour for hour, hours in enumerate(plan.week.open_hours) if hours > 0]
    hour_columns = [f"staff {WEEKDAYS[hour // 24]} {hour % 24:02d}h" for hour in open_hours]
    communes: list[list[Any]] = [
        ["code", "name", "province", "distance_km", "measured", *COMMUNE_COLUMNS, *hour_columns]
    ]
    benefits: list[list[Any]] = [["code", "name", "province", *BENEFIT_COLUMNS, "net_vnd_saved"]]
    for commune in plan.commune_plans():
        area, figures, staffing = commune.area, commune.figures, commune.staffing
        by_hour = [staffing.postal.staff[hour] + staffing.left.staff[hour] for hour in open_hours]
        communes.append(
            [
                area.code,
                area.name,
                area.province_code,
                round(area.distance_km, 3),
                area.measured,
                *(_value(figures, name) for name in COMMUNE_COLUMNS),
                *by_hour,
            ]
        )
        benefits.append(
            [
                area.code,
                area.name,
                area.province_code,
                *(_value(figures, name) for name in BENEFIT_COLUMNS),
                round(figures.citizen_vnd_saved - figures.postage_vnd),
            ]
        )
    provinces: list[list[Any]] = [["code", "name", *PROVINCE_COLUMNS]]
    for province in plan.provinces:
        provinces.append([province.code, province.name, *(_value(province.figures, n) for n in PROVINCE_COLUMNS)])
    provinces.append(["", "total", *(_value(plan.figures, name) for name in PROVINCE_COLUMNS)])
    comparison: list[list[Any]] = [["indicator", "baseline", "postal_model", "difference"]]
    for indicator, baseline, postal in COMPARISON:
        a = _value(plan.figures, baseline) if baseline else 0
        b = _value(plan.figures, postal)
        comparison.append([indicator, a, b, round(b - a, 3)])
    return {"communes": communes, "province_totals": provinces, "comparison": comparison, "benefits": benefits}


def plan_workbook(plan: CountryPlan, inputs: ScenarioInputs, sources: dict[str, str] | None = None) -> bytes:
    """The plan and its inputs as .xlsx (the pages' "download the province's plan" writes this too)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    write_sheets(workbook, plan_rows(plan))
    write_sheets(workbook, inputs_rows(inputs, sources))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
