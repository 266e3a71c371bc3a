"""The inputs of a scenario as a form: every number a planner may change, grouped by section, with its unit and
where it comes from; what was typed is read back into inputs, and each problem is put beside its input.

Numbers are typed the Vietnamese way or the English way: ``0,3`` and ``0.3`` are the same share; ``2.340.000``
(dots between thousands) is two million three hundred forty thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils import formats
from django.utils.functional import Promise

from motcua.core.errors import ApplicationError

from ..checks import inputs_problems
from ..inputs import POSTAL_PRICING, ScenarioInputs, inputs_type_problems, unflatten
from .labels import SECTIONS, input_label, unit_label

# Inputs not offered on the form: names and sources of the data sets (changed by an Excel import), the format.
HIDDEN_SUFFIXES = (".name", ".as_of", ".source", ".communes", ".name_vi", ".name_en")


@dataclass
class InputRow:
    key: str
    label: str
    unit: str
    source: str
    kind: str  # "number", "text", "bool", "choice", "list"
    value: Any
    text: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def checked(self) -> bool:
        return bool(self.value)


@dataclass
class Section:
    key: str
    title: str | Promise
    rows: list[InputRow]

    @property
    def has_errors(self) -> bool:
        return any(row.errors for row in self.rows)


def _kind(key: str, value: Any) -> str:
    if key == "costs.postal_pricing":
        return "choice"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    return "number"


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, float):
        return str(formats.number_format(value, use_l10n=True)) if value != int(value) else str(int(value))
    return str(value)


def editable_keys(inputs: ScenarioInputs, province: str | None) -> list[str]:
    """The keys the form offers: the scenario's province (every province for a country scenario), the fields'
    demand, the week's profile and peaks, the counter work, the costs and the queue."""
    keys = []
    for key in inputs.flat():
        head, _, rest = key.partition(".")
        if head in ("communes", "version") or key.endswith(HIDDEN_SUFFIXES):
            continue
        if head == "provinces" and province is not None and not rest.startswith(f"{province}."):
            continue
        keys.append(key)
    return keys


def input_sections(
    inputs: ScenarioInputs, *, province: str | None, sources: dict[str, str], typed: dict[str, str] | None = None
) -> list[Section]:
    flat = inputs.flat()
    by_section: dict[str, list[InputRow]] = {key: [] for key, _title in SECTIONS}
    for key in editable_keys(inputs, province):
        value = flat[key]
        row = InputRow(
            key=key,
            label=input_label(key),
            unit=unit_label(key),
            source=sources.get(key, ""),
            kind=_kind(key, value),
            value=value,
        )
        row.text = typed[key] if typed is not None and key in typed else _shown(value)
        by_section[key.partition(".")[0]].append(row)
    return [Section(key, title, by_section[key]) for key, title in SECTIONS if by_section[key]]


def number_text(raw: str) -> str:
    """``"1.234,5"`` → ``"1234.5"``; ``"0,3"`` → ``"0.3"``; ``"2.340.000"`` → ``"2340000"``; else unchanged."""
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if text.count(".") > 1:
        return text.replace(".", "")
    return text


@dataclass
class ReadBack:
    inputs: ScenarioInputs | None
    typed: dict[str, str]
    problems: list[ApplicationError]


def inputs_read(post: QueryDict, *, current: ScenarioInputs, province: str | None) -> ReadBack:
    """The inputs as typed (every key not on the form as in ``current``), and every problem with them."""
    flat = current.flat()
    typed: dict[str, str] = {}
    for key in editable_keys(current, province):
        kind = _kind(key, flat[key])
        if kind == "bool":
            flat[key] = key in post
            typed[key] = "on" if key in post else ""
            continue
        raw = post.get(key, "")
        typed[key] = raw
        if kind == "number":
            flat[key] = number_text(raw) if raw.strip() else None
        elif kind == "choice":
            flat[key] = raw if raw in POSTAL_PRICING else raw.strip()
        else:
            flat[key] = raw
    built, problems = inputs_type_problems(unflatten(flat))
    if built is not None:
        problems = inputs_problems(built)
        return ReadBack(inputs=None if problems else built, typed=typed, problems=problems)
    # Unreadable numbers: check the rest too, with those inputs as they were, so every problem shows at once.
    unreadable = {problem.field.removeprefix("inputs.") for problem in problems}
    current_flat = current.flat()
    kept = {key: current_flat[key] if key in unreadable else value for key, value in flat.items()}
    rest, more = inputs_type_problems(unflatten(kept))
    if rest is not None:
        problems += [
            problem for problem in inputs_problems(rest) if problem.field.removeprefix("inputs.") not in unreadable
        ]
    return ReadBack(inputs=None, typed=typed, problems=problems + more)


def place_problems(sections: list[Section], problems: list[ApplicationError]) -> list[str]:
    """Put each problem beside its input; return the messages of those about no input on the form."""
    rows = {row.key: row for section in sections for row in section.rows}
    elsewhere = []
    for problem in problems:
        key = problem.field.removeprefix("inputs.")
        if key in rows:
            rows[key].errors.append(problem.render())
        else:
            elsewhere.append(problem.render())
    return elsewhere
