"""Demand: the communes with their estimated population and area, and the arrivals of a planned week.

A commune's population and area are not published: each commune gets an equal share of its province's figures
(docs/planner.md, "Estimates"), unless the inputs record a measured commune, whose figures then replace the
estimate and the province's rest is shared among the other communes.

The planned week: a field's dossiers per inhabitant per week are its yearly rate ÷ 52.18, times the planned
month's multiplier and the active peaks that concern the field. A week's arrivals are spread over the open hours
by the day weights and the hour weights. Each dossier brings ``reception_visits`` citizens to the counter (those
not filed online nor picked up at home) and ``return_visits`` (those whose result is neither sent by post nor
electronic); both follow the same profile.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass

from motcua.localities.models import Commune

from .. import errors
from ..inputs import WEEKDAYS, ScenarioInputs, open_hours_by_slot, opening_intervals

WEEKS_PER_YEAR = 365.25 / 7
HOURS_PER_WEEK = 168


@dataclass(frozen=True)
class CommuneArea:
    code: str
    name: str
    province_code: str
    population: float
    area_km2: float
    measured: bool

    @property
    def distance_km(self) -> float:
        """Mean distance from a home to the commune centre: a disc of the commune's area with the centre in
        the middle and homes spread evenly has mean distance 2/3 of its radius."""
        return 2 / 3 * math.sqrt(self.area_km2 / math.pi)


def communes_for(inputs: ScenarioInputs, *, province: str | None = None) -> list[CommuneArea]:
    """Today's communes (of one province or all), each with its population and area, ordered by code."""
    query = Commune.objects.order_by("province_id", "code").values_list("code", "name", "province_id")
    if province is not None:
        query = query.filter(province_id=province)
    rows = list(query)
    missing = sorted({code for _, _, code in rows} - set(inputs.provinces))
    if missing:
        raise errors.provinces_missing(field="inputs.provinces", codes=", ".join(missing))
    counts = Counter(
        Commune.objects.filter(province_id__in={code for _, _, code in rows}).values_list("province_id", flat=True)
    )
    measured_by_province: dict[str, list[str]] = {}
    for code, province_code in Commune.objects.filter(code__in=list(inputs.communes)).values_list(
        "code", "province_id"
    ):
        measured_by_province.setdefault(province_code, []).append(code)
    areas = []
    for code, name, province_code in rows:
        figures = inputs.provinces[province_code]
        measured = inputs.communes.get(code)
        if measured is not None:
            areas.append(CommuneArea(code, name, province_code, measured.population, measured.area_km2, True))
            continue
        known = [inputs.communes[other] for other in measured_by_province.get(province_code, [])]
        rest = counts[province_code] - len(known)
        population = max(0.0, figures.population - sum(item.population for item in known)) / rest
        area = max(0.0, figures.area_km2 - sum(item.area_km2 for item in known)) / rest
        areas.append(CommuneArea(code, name, province_code, population, area, False))
    return areas


@dataclass(frozen=True)
class Week:
    """The shape of the planned week, the same for every commune.

    ``open_hours[h]``: the open part (0..1) of hour ``h`` of the week (0 = Monday 00:00);
    ``shares[h]``: the part of the week's arrivals that fall in it; ``visits_per_capita[f]``: counter visits per
    inhabitant per week for field ``f``; ``service_seconds[f]``: the mean counter time of such a visit.
    """

    open_hours: tuple[float, ...]
    shares: tuple[float, ...]
    visits_per_capita: dict[str, float]
    service_seconds: dict[str, float]
    dossiers_per_capita_year: dict[str, float]

    @functools.cached_property
    def open_slots(self) -> tuple[int, ...]:
        """The hours of the week (0..167) that are open at least in part."""
        return tuple(hour for hour, hours in enumerate(self.open_hours) if hours > 0)

    def arrivals(self, population: float, field: str, hour: int) -> float:
        """Citizens per hour at the counters of ``field`` during hour ``hour`` of the week (0 when closed)."""
        if self.open_hours[hour] <= 0:
            return 0.0
        return population * self.visits_per_capita[field] * self.shares[hour] / self.open_hours[hour]


def week_for(inputs: ScenarioInputs) -> Week:
    profile, service = inputs.profile, inputs.service
    weekday = open_hours_by_slot(opening_intervals(profile.weekday_hours, field="inputs.profile.weekday_hours"))
    saturday = open_hours_by_slot(opening_intervals(profile.saturday_hours, field="inputs.profile.saturday_hours"))
    hour_weight = [profile.hour_weights.get(f"{hour:02d}", 0.0) for hour in range(24)]
    open_hours: list[float] = []
    weights: list[float] = []
    for day in WEEKDAYS:
        slots = weekday if day in WEEKDAYS[:5] else saturday if day == "sat" else [0.0] * 24
        for hour in range(24):
            open_hours.append(slots[hour])
            weights.append(profile.day_weights.get(day, 0.0) * hour_weight[hour] * slots[hour])
    total = sum(weights)
    if total <= 0:
        raise errors.never_open(field="inputs.profile.weekday_hours")
    month = profile.month_multipliers
    average = sum(month.values()) / len(month) if month else 1.0
    month_factor = month.get(f"{profile.plan_month:02d}", average) / average if profile.plan_month else 1.0
    reception_visits = max(0.0, 1 - service.online_share - service.pickup_share)
    return_visits = max(0.0, 1 - service.online_share - service.delivery_share)
    reception_base = sum(service.stage_minutes.get(code, 0.0) for code in ("guide", "receive", "digitize", "fees"))
    return_minutes = service.stage_minutes.get("return_counter", 0.0)
    visits, seconds, yearly = {}, {}, {}
    for code, field in inputs.fields.items():
        peak = math.prod(
            item.multiplier
            for item in profile.peaks.values()
            if item.active and (not item.fields or code in item.fields)
        )
        per_capita_year = field.dossiers_per_1000 / 1000
        yearly[code] = per_capita_year
        per_week = per_capita_year / WEEKS_PER_YEAR * month_factor * peak
        visits[code] = per_week * (reception_visits + return_visits)
        minutes = reception_visits * reception_base * field.reception_factor + return_visits * return_minutes
        seconds[code] = 60 * minutes / (reception_visits + return_visits) if reception_visits + return_visits else 60.0
    return Week(
        open_hours=tuple(open_hours),
        shares=tuple(weight / total for weight in weights),
        visits_per_capita=visits,
        service_seconds=seconds,
        dossiers_per_capita_year=yearly,
    )
