"""Sensitivity: how the plan's staff and cost move when one input moves (a tornado chart), and the peak week.

Each main input is multiplied by 0.8 and 1.2 (a share stays within 0..1 and the service level below 1), all
else equal, and the plan is made again; the rows are sorted by the swing in the postal model's staff.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs import ScenarioInputs, flatten, inputs_from_dict, unflatten
from .plan import Figures, plan_run

SWING = 0.2
#: Dotted keys (``*``: every code) varied one at a time.
VARIED = (
    "provinces.*.population",
    "fields.*.dossiers_per_1000",
    "service.stage_minutes.receive",
    "service.stage_minutes.return_counter",
    "queue.target_wait_minutes",
    "queue.service_level",
    "queue.shrinkage",
    "service.online_share",
    "service.pickup_share",
    "service.delivery_share",
    "costs.base_salary_vnd",
    "costs.postal_staff_month_vnd",
)
BOUNDED = {"queue.service_level": 0.99, "queue.shrinkage": 0.9}
SHARES = ("service.online_share", "service.pickup_share", "service.delivery_share")


@dataclass(frozen=True)
class Outcome:
    postal_model_staff: float  # FTE: postal staff and civil servants left at counters
    baseline_staff: float
    postal_model_cost_vnd: float
    baseline_cost_vnd: float

    @classmethod
    def of(cls, figures: Figures) -> Outcome:
        return cls(
            postal_model_staff=figures.postal_fte + figures.civil_left_fte,
            baseline_staff=figures.baseline_fte,
            postal_model_cost_vnd=figures.postal_model_cost_vnd,
            baseline_cost_vnd=figures.baseline_state_cost_vnd,
        )


@dataclass(frozen=True)
class TornadoRow:
    key: str
    factor_low: float
    factor_high: float
    low: Outcome
    high: Outcome

    @property
    def staff_swing(self) -> float:
        return abs(self.high.postal_model_staff - self.low.postal_model_staff)


@dataclass(frozen=True)
class Sensitivity:
    base: Outcome
    rows: list[TornadoRow]
    peak: Outcome  # every peak applied, in the busiest month


def _varied(inputs: ScenarioInputs, pattern: str, factor: float) -> tuple[ScenarioInputs, float]:
    flat = flatten(inputs.to_dict())
    prefix, _, suffix = pattern.partition("*")
    applied = factor
    for key, value in flat.items():
        if not (key.startswith(prefix) and key.endswith(suffix)) or isinstance(value, bool):
            continue
        if not isinstance(value, int | float):
            continue
        changed = value * factor
        if pattern in BOUNDED:
            changed = min(changed, BOUNDED[pattern])
        flat[key] = type(value)(round(changed)) if isinstance(value, int) else changed
        applied = flat[key] / value if value else factor
    varied = inputs_from_dict(unflatten(flat))
    _keep_shares_whole(varied)
    return varied, applied


def _keep_shares_whole(inputs: ScenarioInputs) -> None:
    service = inputs.service
    service.online_share = min(service.online_share, 1.0)
    service.pickup_share = min(service.pickup_share, 1.0 - service.online_share)
    service.delivery_share = min(service.delivery_share, 1.0 - service.online_share)


def peak_inputs(inputs: ScenarioInputs) -> ScenarioInputs:
    """Every peak applied, in the month with the largest multiplier."""
    peak = inputs_from_dict(inputs.to_dict())
    for item in peak.profile.peaks.values():
        item.active = True
    months = peak.profile.month_multipliers
    peak.profile.plan_month = int(max(months, key=lambda month: months[month])) if months else 0
    return peak


def sensitivity(inputs: ScenarioInputs, *, province: str | None = None) -> Sensitivity:
    """The tornado rows of ``inputs`` for one province or the country (each row plans it twice)."""
    base = Outcome.of(plan_run(inputs, province=province).figures)
    rows = []
    for pattern in VARIED:
        low, factor_low = _varied(inputs, pattern, 1 - SWING)
        high, factor_high = _varied(inputs, pattern, 1 + SWING)
        rows.append(
            TornadoRow(
                key=pattern,
                factor_low=factor_low,
                factor_high=factor_high,
                low=Outcome.of(plan_run(low, province=province).figures),
                high=Outcome.of(plan_run(high, province=province).figures),
            )
        )
    rows.sort(key=lambda row: row.staff_swing, reverse=True)
    peak = Outcome.of(plan_run(peak_inputs(inputs), province=province).figures)
    return Sensitivity(base=base, rows=rows, peak=peak)
