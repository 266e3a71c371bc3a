"""The rules a catalogue's content follows, each returning the errors it finds (nothing raised here), so that
publishing refuses the first and the workbook import lists them all."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from motcua.core.errors import ApplicationError

from . import errors
from .codes import SLIP_CODES, Indicator
from .events import event_exists
from .models import REQUIRED_STAGE_CODES, Boundary, EventKind, Performer, TimeBasis
from .specs import EventSpec, StageSpec

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def code_problems(code: str) -> list[ApplicationError]:
    return [] if CODE_PATTERN.match(code or "") else [errors.bad_code(code=code)]


def choice_problems(value: str, choices: Iterable[str], *, field: str) -> list[ApplicationError]:
    options = list(choices)
    return [] if value in options else [errors.bad_choice(value=value, choices=options, field=field)]


def event_problems(event: EventSpec) -> list[ApplicationError]:
    """An event must be a real start or end, of a kind motcua records, named exactly as its history stores it."""
    found = choice_problems(event.boundary, Boundary.values, field="boundary")
    if event.kind not in EventKind.values:
        return [*found, errors.unknown_event_kind(kind=event.kind)]
    if not event_exists(event.kind, event.name):
        found.append(errors.unknown_event(kind=event.kind, name=event.name))
    return found


def slip_problems(codes: Iterable[str]) -> list[ApplicationError]:
    return [errors.unknown_slip(code=code) for code in codes if code not in SLIP_CODES]


def indicator_problems(codes: Iterable[str]) -> list[ApplicationError]:
    return [errors.unknown_indicator(code=code) for code in codes if code not in Indicator.values]


def stage_problems(spec: StageSpec) -> list[ApplicationError]:
    """What is wrong with one stage, on its own."""
    found = [
        *code_problems(spec.code),
        *choice_problems(spec.performer, Performer.values, field="performer"),
        *choice_problems(spec.time_basis, TimeBasis.values, field="time_basis"),
        *slip_problems(spec.slips),
        *indicator_problems(spec.indicators),
    ]
    for name in ("name_vi", "name_en"):
        if not getattr(spec, name).strip():
            found.append(errors.required(field=name))
    if not spec.steps:
        found.append(errors.no_steps(code=spec.code))
    for step in spec.steps:
        found += choice_problems(step.actor, Performer.values, field="actor")
    for event in spec.events:
        found += event_problems(event)
    return found


def catalogue_problems(specs: Iterable[StageSpec]) -> list[ApplicationError]:
    """What keeps a catalogue from being published: each stage's own problems, codes used twice, required
    stages missing."""
    specs = list(specs)
    found: list[ApplicationError] = []
    for spec in specs:
        found += stage_problems(spec)
    counts = Counter(spec.code for spec in specs)
    found += [errors.duplicate_code(code=code) for code, count in counts.items() if count > 1]
    missing = [code for code in REQUIRED_STAGE_CODES if code not in counts]
    if missing:
        found.append(errors.stages_missing(codes=missing))
    return found
