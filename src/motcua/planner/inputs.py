"""A scenario's inputs: typed, JSON-serialisable, each number addressable by a dotted key.

``ScenarioInputs`` is the whole set of numbers one plan reads. Collections are dicts keyed by a stable code
(a province's GSO code, a field's code, a peak's key, ``"07"`` for the 7 o'clock hour), so every number has one
dotted key (``provinces.42.population``, ``fields.DD.dossiers_per_1000``, ``queue.service_level``) that the
pages, the Excel sheet, the provenance of a version and the errors all use. ``inputs_from_dict`` builds and
checks the types; :mod:`.checks` checks what makes a plan impossible.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import types
import typing
from dataclasses import dataclass
from typing import Any, Union

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

from . import errors


@dataclass
class ProvinceFigures:
    name: str
    population: int  # people ("quy mô dân số", temporary residents counted)
    area_km2: float
    communes: int  # as published; the plan uses the communes of today's map in the database
    as_of: str  # yyyy-mm-dd
    source: str


@dataclass
class CommuneFigures:
    """A measured commune that replaces the estimate (province figures shared equally)."""

    population: int
    area_km2: float
    source: str


@dataclass
class FieldDemand:
    name_vi: str
    name_en: str
    dossiers_per_1000: float  # dossiers per 1,000 inhabitants per year, all channels
    reception_factor: float  # the field's reception visit ÷ the standard reception visit


@dataclass
class Peak:
    name_vi: str
    name_en: str
    multiplier: float  # on the arrivals of the fields it concerns (all when ``fields`` is empty)
    months: list[int]
    fields: list[str]
    active: bool  # applied to the planned week


@dataclass
class Profile:
    weekday_hours: str  # opening hours Monday to Friday, "07:30-11:30 13:30-17:00"
    saturday_hours: str  # "" when closed on Saturday
    hour_weights: dict[str, float]  # relative arrivals per clock hour "07".."16", per open hour
    day_weights: dict[str, float]  # relative arrivals per day "mon".."sat"
    month_multipliers: dict[str, float]  # "01".."12", relative to the average month
    plan_month: int  # 0: the average week of the year; 1..12: a week of that month
    peaks: dict[str, Peak]


@dataclass
class Service:
    stage_minutes: dict[str, float]  # minutes at the counter per stage code
    online_share: float  # dossiers filed online: no reception visit, result sent electronically
    pickup_share: float  # dossiers picked up at home by a postman: no reception visit
    delivery_share: float  # results delivered by post: no return visit
    postal_share: float  # share of counter work handed to the post in the postal model


@dataclass
class Costs:
    salary_coefficient: float
    base_salary_vnd: int  # per month
    allowances_pct: float
    contributions_pct: float
    overhead_pct: float
    working_hours_per_month: float
    fte_hours_per_week: float
    postal_pricing: str  # "staff" (monthly cost per postal FTE) or "per_dossier" (contract price)
    postal_staff_month_vnd: int
    postal_price_per_dossier_vnd: int
    postage_vnd: int  # one pickup or one delivery
    time_value_vnd_per_hour: int
    travel_vnd_per_km: int
    travel_speed_kmh: float


@dataclass
class Queue:
    target_wait_minutes: float
    service_level: float  # share of citizens served within the target, 0..1
    patience_minutes: float | None  # None: Erlang C (nobody leaves); else Erlang A
    shrinkage: float  # share of paid time not at the counter (breaks, training, leave)
    max_occupancy: float
    minimum_postal_staff: int  # per commune centre during opening hours
    minimum_per_field: int  # civil servants per field counter in the baseline


@dataclass
class ScenarioInputs:
    provinces: dict[str, ProvinceFigures]
    communes: dict[str, CommuneFigures]
    fields: dict[str, FieldDemand]
    profile: Profile
    service: Service
    costs: Costs
    queue: Queue
    version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def flat(self) -> dict[str, Any]:
        """Every number and text by its dotted key."""
        return flatten(self.to_dict())

    def metadata(self, sources: dict[str, str] | None = None) -> list[Any]:
        """Every input with its key, labels (vi/en), unit, source and as-of date: a list of
        :class:`motcua.planner.defaults.InputField` (named so because ``fields`` are the fields of procedures)."""
        from .defaults import input_fields  # the defaults build inputs: import them when asked

        return list(input_fields(self, sources))


POSTAL_PRICING = ("staff", "per_dossier")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for path, value in flat.items():
        node = data
        *parents, last = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return data


# --- building from JSON, with the type errors named by key --------------------------------------------------


def inputs_from_dict(data: Any) -> ScenarioInputs:
    """The inputs ``data`` holds; raises the first type error (see :func:`inputs_type_problems`)."""
    problems: list[ApplicationError] = []
    built = _build(ScenarioInputs, data, "inputs", problems)
    if problems:
        raise problems[0]
    return typing.cast(ScenarioInputs, built)


def inputs_type_problems(data: Any) -> tuple[ScenarioInputs | None, list[ApplicationError]]:
    problems: list[ApplicationError] = []
    built = _build(ScenarioInputs, data, "inputs", problems)
    return (typing.cast(ScenarioInputs, built) if not problems else None), problems


def _build(kind: Any, value: Any, path: str, problems: list[ApplicationError]) -> Any:
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            problems.append(errors.input_not_an_object(field=path))
            return None
        hints = typing.get_type_hints(kind)
        values: dict[str, Any] = {}
        complete = True
        for item in dataclasses.fields(kind):
            if item.name not in value:
                if item.default is not dataclasses.MISSING:
                    continue
                problems.append(errors.input_missing(field=f"{path}.{item.name}"))
                complete = False
                continue
            values[item.name] = _build(hints[item.name], value[item.name], f"{path}.{item.name}", problems)
        for name in set(value) - {item.name for item in dataclasses.fields(kind)}:
            problems.append(errors.input_unknown(field=f"{path}.{name}"))
        return kind(**values) if complete else None  # type: ignore[operator]
    if origin is dict:
        if not isinstance(value, dict):
            problems.append(errors.input_not_an_object(field=path))
            return {}
        _, item_kind = typing.get_args(kind)
        return {str(key): _build(item_kind, item, f"{path}.{key}", problems) for key, item in value.items()}
    if origin is list:
        (item_kind,) = typing.get_args(kind)
        if value is None:  # an empty spreadsheet cell
            value = []
        if isinstance(value, str):  # "1, 2" as typed in a spreadsheet cell
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            problems.append(errors.input_wrong_type(field=path, expected=_("a list")))
            return []
        return [_build(item_kind, item, f"{path}.{index}", problems) for index, item in enumerate(value)]
    if origin in (Union, types.UnionType):
        if value is None or value == "":
            return None
        (kind,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    return _scalar(kind, value, path, problems)


def _scalar(kind: type, value: Any, path: str, problems: list[ApplicationError]) -> Any:
    if kind is str:
        if value is None:  # an empty spreadsheet cell
            return ""
        if isinstance(value, str):
            return value
        problems.append(errors.input_wrong_type(field=path, expected=_("text")))
        return ""
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "có", "không"):
            return value.strip().lower() in ("true", "1", "có")
        problems.append(errors.input_wrong_type(field=path, expected=_("true/false")))
        return False
    number = _number(value)
    if number is None or not math.isfinite(number):
        problems.append(errors.input_wrong_type(field=path, expected=_("a number")))
        return 0
    if kind is int:
        if number != int(number):
            problems.append(errors.input_wrong_type(field=path, expected=_("a whole number")))
        return int(number)
    return float(number)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            return float(value.strip().replace(" ", ""))
    except (ValueError, OverflowError):  # not a number, or an integer beyond any float
        return None
    return None


# --- opening hours ------------------------------------------------------------------------------------------


def opening_intervals(text: str, *, field: str) -> list[tuple[float, float]]:
    """``"07:30-11:30 13:30-17:00"`` → [(7.5, 11.5), (13.5, 17.0)] in hours of the day."""
    intervals = []
    for part in text.replace(",", " ").split():
        try:
            start, end = (_clock(piece) for piece in part.split("-"))
        except ValueError:
            raise errors.opening_hours_unreadable(field=field, text=part) from None
        if not 0 <= start < end <= 24:
            raise errors.opening_hours_unreadable(field=field, text=part)
        intervals.append((start, end))
    intervals.sort()
    for (_start, end), (start, _end) in itertools.pairwise(intervals):
        if start < end:
            raise errors.opening_hours_unreadable(field=field, text=text)
    return intervals


def _clock(text: str) -> float:
    hours, _, minutes = text.strip().partition(":")
    hour, minute = int(hours), int(minutes or 0)
    if not 0 <= minute < 60:
        raise ValueError(text)
    return hour + minute / 60


def open_hours_by_slot(intervals: list[tuple[float, float]]) -> list[float]:
    """For each clock hour 0..23, the part of it that is open (0..1)."""
    slots = [0.0] * 24
    for start, end in intervals:
        for hour in range(int(start), min(24, math.ceil(end))):
            slots[hour] += max(0.0, min(end, hour + 1) - max(start, hour))
    return slots


__all__ = [
    "POSTAL_PRICING",
    "WEEKDAYS",
    "CommuneFigures",
    "Costs",
    "FieldDemand",
    "Peak",
    "Profile",
    "ProvinceFigures",
    "Queue",
    "ScenarioInputs",
    "Service",
]
