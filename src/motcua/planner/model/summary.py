"""A plan as compact JSON: what the pages, the API and the stored results read."""

from __future__ import annotations

from typing import Any

from .plan import CommunePlan, CountryPlan, Figures

#: Bump when the engine's results change for the same inputs, so stored results are recomputed.
ENGINE = "1"

# The figures of a plan by kind: the tables, workbooks and comparisons choose among them.
VOLUME_FIGURES = ("population", "area_km2", "dossiers_year", "counter_visits_week")
STAFF_FIGURES = (
    "baseline_counters",
    "baseline_peak_staff",
    "baseline_fte",
    "postal_counters",
    "postal_peak_staff",
    "postal_fte",
    "civil_left_fte",
    "civil_freed_fte",
)
COST_FIGURES = ("baseline_state_cost_vnd", "postal_state_cost_vnd", "postal_enterprise_cost_vnd")
BENEFIT_FIGURES = ("postage_vnd", "visits_avoided", "hours_saved", "citizen_vnd_saved")
COMMUNE_FIGURES = (*VOLUME_FIGURES, *STAFF_FIGURES, *COST_FIGURES, *BENEFIT_FIGURES)


def _rounded(value: float | int) -> float | int:
    return value if isinstance(value, int) else round(value, 3)


def figures_dict(figures: Figures) -> dict[str, float | int]:
    return {key: _rounded(value) for key, value in figures.as_dict().items()}


def commune_row(commune: CommunePlan) -> dict[str, Any]:
    figures = commune.figures
    row: dict[str, Any] = {
        "code": commune.area.code,
        "name": commune.area.name,
        "province": commune.area.province_code,
        "measured": commune.area.measured,
        "distance_km": round(commune.area.distance_km, 3),
    }
    row.update({key: _rounded(getattr(figures, key)) for key in COMMUNE_FIGURES})
    row["mean_wait_minutes"] = round(figures.mean_wait_minutes, 3)
    row["worst_service_level"] = round(
        min(commune.staffing.postal.worst_service_level, commune.staffing.baseline.worst_service_level), 4
    )
    return row


def plan_summary(plan: CountryPlan, *, scope: str) -> dict[str, Any]:
    return {
        "engine": ENGINE,
        "scope": scope,
        "figures": figures_dict(plan.figures),
        "open_hours": [round(hours, 4) for hours in plan.week.open_hours],
        "provinces": [
            {
                "code": province.code,
                "name": province.name,
                "figures": figures_dict(province.figures),
                "baseline_staff_by_hour": province.baseline_staff_by_hour,
                "postal_staff_by_hour": province.postal_staff_by_hour,
            }
            for province in plan.provinces
        ],
        "communes": [commune_row(commune) for commune in plan.commune_plans()],
    }
