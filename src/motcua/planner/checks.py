"""What makes a scenario's inputs impossible to plan: every problem, each naming its input's dotted key."""

from __future__ import annotations

from motcua.core.errors import ApplicationError

from . import errors
from .inputs import POSTAL_PRICING, ScenarioInputs, open_hours_by_slot, opening_intervals


def inputs_problems(inputs: ScenarioInputs) -> list[ApplicationError]:
    """Every rule ``inputs`` breaks, in the order of the inputs; empty when a plan can be made."""
    problems = _magnitudes(inputs)
    for check in (_places, _fields, _profile, _service, _costs, _queue):
        problems.extend(check(inputs))
    return problems or _load(inputs)


def _load(inputs: ScenarioInputs) -> list[ApplicationError]:
    """A commune whose busiest hour needs more counters than any plan may have (the most populous commune: a
    measured one, or a province's population shared by its published number of communes)."""
    from .model.demand import HOURS_PER_WEEK, week_for  # the engine checks inputs first: import it here
    from .queueing import MAX_SERVERS

    populations = [item.population / max(1, item.communes) for item in inputs.provinces.values()]
    populations += [item.population for item in inputs.communes.values()]
    if not populations:
        return []
    week = week_for(inputs)
    busiest = max(
        (week.shares[hour] / week.open_hours[hour] for hour in range(HOURS_PER_WEEK) if week.open_hours[hour] > 0),
        default=0.0,
    )
    loads = {
        code: max(populations) * week.visits_per_capita[code] * busiest * week.service_seconds[code] / 3600
        for code in inputs.fields
    }
    total = sum(loads.values())  # the pooled queue of the postal model carries every field
    if loads and total > MAX_SERVERS * inputs.queue.max_occupancy:
        largest = max(loads, key=lambda code: loads[code])
        return [
            errors.load_never_carried(field=f"inputs.fields.{largest}.dossiers_per_1000", load=total, cap=MAX_SERVERS)
        ]
    return []


def inputs_check(inputs: ScenarioInputs) -> None:
    """Raise the first problem of ``inputs``, if any."""
    problems = inputs_problems(inputs)
    if problems:
        raise problems[0]


#: No input of a plan is this large (a province's yearly budget in VND is about 10^13); beyond it, sums overflow.
LARGEST = 10**12


def _magnitudes(inputs: ScenarioInputs) -> list[ApplicationError]:
    return [
        errors.input_out_of_range(field=f"inputs.{key}", low="0", high="10^12")
        for key, value in inputs.flat().items()
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > LARGEST
    ]


def _positive(value: float | int, key: str) -> list[ApplicationError]:
    return [] if value > 0 else [errors.input_not_positive(field=key)]


def _not_negative(value: float | int, key: str) -> list[ApplicationError]:
    return [] if value >= 0 else [errors.input_negative(field=key)]


def _share(value: float, key: str) -> list[ApplicationError]:
    return [] if 0 <= value <= 1 else [errors.input_out_of_range(field=key, low="0", high="1")]


def _places(inputs: ScenarioInputs) -> list[ApplicationError]:
    found = []
    for code, province in inputs.provinces.items():
        found += _positive(province.population, f"inputs.provinces.{code}.population")
        found += _positive(province.area_km2, f"inputs.provinces.{code}.area_km2")
    for code, commune in inputs.communes.items():
        found += _positive(commune.population, f"inputs.communes.{code}.population")
        found += _positive(commune.area_km2, f"inputs.communes.{code}.area_km2")
    return found


def _fields(inputs: ScenarioInputs) -> list[ApplicationError]:
    found = []
    for code, item in inputs.fields.items():
        found += _not_negative(item.dossiers_per_1000, f"inputs.fields.{code}.dossiers_per_1000")
        found += _positive(item.reception_factor, f"inputs.fields.{code}.reception_factor")
    if not found and sum(item.dossiers_per_1000 for item in inputs.fields.values()) <= 0:
        found.append(errors.no_demand(field="inputs.fields"))
    return found


def _profile(inputs: ScenarioInputs) -> list[ApplicationError]:
    profile, found = inputs.profile, []
    slots = {}
    for key in ("weekday_hours", "saturday_hours"):
        try:
            slots[key] = open_hours_by_slot(opening_intervals(getattr(profile, key), field=f"inputs.profile.{key}"))
        except ApplicationError as error:
            found.append(error)
    for hour, weight in profile.hour_weights.items():
        key = f"inputs.profile.hour_weights.{hour}"
        if not (hour.isdigit() and 0 <= int(hour) <= 23):
            found.append(errors.input_unknown(field=key))
        found += _not_negative(weight, key)
    for day, weight in profile.day_weights.items():
        key = f"inputs.profile.day_weights.{day}"
        if day not in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            found.append(errors.input_unknown(field=key))
        found += _not_negative(weight, key)
    for month, value in profile.month_multipliers.items():
        key = f"inputs.profile.month_multipliers.{month}"
        if not (month.isdigit() and 1 <= int(month) <= 12):
            found.append(errors.input_unknown(field=key))
        found += _positive(value, key)
    if not 0 <= profile.plan_month <= 12:
        found.append(errors.input_out_of_range(field="inputs.profile.plan_month", low="0", high="12"))
    for key, peak in profile.peaks.items():
        found += _positive(peak.multiplier, f"inputs.profile.peaks.{key}.multiplier")
        for peak_month in peak.months:
            if not 1 <= peak_month <= 12:
                found.append(errors.input_out_of_range(field=f"inputs.profile.peaks.{key}.months", low="1", high="12"))
        for code in peak.fields:
            if code not in inputs.fields:
                found.append(errors.unknown_field_code(field=f"inputs.profile.peaks.{key}.fields", code=code))
    if not found and not _arrivals_meet_opening(inputs, slots):
        found.append(errors.never_open(field="inputs.profile.weekday_hours"))
    return found


def _arrivals_meet_opening(inputs: ScenarioInputs, slots: dict[str, list[float]]) -> bool:
    weights = inputs.profile.hour_weights
    hourly = [weights.get(f"{hour:02d}", 0.0) for hour in range(24)]
    days = inputs.profile.day_weights
    weekday = any(days.get(day, 0) > 0 for day in ("mon", "tue", "wed", "thu", "fri"))
    saturday = days.get("sat", 0) > 0
    weekday_open = any(w > 0 and o > 0 for w, o in zip(hourly, slots["weekday_hours"], strict=True))
    saturday_open = any(w > 0 and o > 0 for w, o in zip(hourly, slots["saturday_hours"], strict=True))
    return (weekday and weekday_open) or (saturday and saturday_open)


def _service(inputs: ScenarioInputs) -> list[ApplicationError]:
    service, found = inputs.service, []
    for code, minutes in service.stage_minutes.items():
        found += _not_negative(minutes, f"inputs.service.stage_minutes.{code}")
    for code in ("receive", "return_counter"):
        if code in service.stage_minutes:
            found += _positive(service.stage_minutes[code], f"inputs.service.stage_minutes.{code}")
        else:
            found.append(errors.input_missing(field=f"inputs.service.stage_minutes.{code}"))
    for name in ("online_share", "pickup_share", "delivery_share", "postal_share"):
        found += _share(getattr(service, name), f"inputs.service.{name}")
    if service.online_share + service.pickup_share > 1:
        found.append(errors.shares_exceed_whole(field="inputs.service.pickup_share", other="online_share"))
    if service.online_share + service.delivery_share > 1:
        found.append(errors.shares_exceed_whole(field="inputs.service.delivery_share", other="online_share"))
    return found


def _costs(inputs: ScenarioInputs) -> list[ApplicationError]:
    costs, found = inputs.costs, []
    for name in ("salary_coefficient", "base_salary_vnd", "working_hours_per_month", "fte_hours_per_week"):
        found += _positive(getattr(costs, name), f"inputs.costs.{name}")
    found += _positive(costs.travel_speed_kmh, "inputs.costs.travel_speed_kmh")
    for name in (
        "allowances_pct",
        "contributions_pct",
        "overhead_pct",
        "postal_staff_month_vnd",
        "postal_price_per_dossier_vnd",
        "postage_vnd",
        "time_value_vnd_per_hour",
        "travel_vnd_per_km",
    ):
        found += _not_negative(getattr(costs, name), f"inputs.costs.{name}")
    if costs.fte_hours_per_week > 168:
        found.append(errors.input_out_of_range(field="inputs.costs.fte_hours_per_week", low="1", high="168"))
    if costs.postal_pricing not in POSTAL_PRICING:
        found.append(
            errors.unknown_choice(
                field="inputs.costs.postal_pricing", value=costs.postal_pricing, choices=", ".join(POSTAL_PRICING)
            )
        )
    return found


def _queue(inputs: ScenarioInputs) -> list[ApplicationError]:
    queue, found = inputs.queue, []
    found += _not_negative(queue.target_wait_minutes, "inputs.queue.target_wait_minutes")
    if not 0 < queue.service_level < 1:
        found.append(errors.input_out_of_range(field="inputs.queue.service_level", low="0", high="1 (100%)"))
    if queue.patience_minutes is not None:
        found += _positive(queue.patience_minutes, "inputs.queue.patience_minutes")
    if not 0 <= queue.shrinkage < 1:
        found.append(errors.input_out_of_range(field="inputs.queue.shrinkage", low="0", high="0.99"))
    if not 0 < queue.max_occupancy <= 1:
        found.append(errors.input_out_of_range(field="inputs.queue.max_occupancy", low="0.01", high="1"))
    found += _not_negative(queue.minimum_postal_staff, "inputs.queue.minimum_postal_staff")
    found += _not_negative(queue.minimum_per_field, "inputs.queue.minimum_per_field")
    return found
