"""The rules a procedure's content must follow: one small function per rule, each with a stable code.

A rule raises the :class:`ApplicationError` that :mod:`.errors` defines for it; the ``check_*`` functions run
the rules over a spec and collect every broken one as a :class:`SpecIssue` naming the part (procedure,
components, fees, steps), its position and the field, so the workbook import can point at a sheet, a row and a
column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from motcua.core.errors import ApplicationError

from . import eform, errors
from .models import ComponentForm, FeeKind, ImplementingLevel, OnlineSubmission, TimeLimitUnit
from .specs import EFORM_MAX_FIELDS, ComponentSpec, EFormFieldSpec, FeeSpec, ProcedureSpec, StepSpec

# d.dddddd in the national database; a local instance may add dot-separated groups, e.g. 2.000477.000.00.00.H56.
NATIONAL_CODE_PATTERN = re.compile(r"\d\.\d{6}(?:\.[0-9A-Z]{1,12})*")
NATIONAL_CODE_MAX_LENGTH = 60
FIELD_CODE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}")

# The roles that may own a process step. They mirror motcua.agencies.models.Role (a test keeps them in step);
# the catalogue sits below the agencies app and does not import it.
STEP_ROLES = (
    "postal_clerk",
    "postal_supervisor",
    "postman",
    "agency_specialist",
    "agency_leader",
    "one_stop_supervisor",
)
# Units whose step budgets must add up within the limit; calendar days include days nobody works on the dossier.
WORKING_UNITS = (TimeLimitUnit.WORKING_DAYS.value, TimeLimitUnit.WORKING_HOURS.value)
MAX_AMOUNT_VND = 10**12
MAX_QUANTITY = 32767


@dataclass(frozen=True)
class SpecIssue:
    """A broken rule: ``part`` is procedure, components, fees or steps; ``index`` the 0-based position in it."""

    part: str
    index: int | None
    field: str
    error: ApplicationError


# --- generic rules -------------------------------------------------------------------------------------------


def validate_required(value: Any) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise errors.value_required()


def validate_max_length(value: str, limit: int) -> None:
    if len(value) > limit:
        raise errors.value_too_long(limit=limit, length=len(value))


def validate_choice(value: str, choices: Iterable[str], *, error: Callable[..., ApplicationError]) -> None:
    """``error``: the rule of this list of choices, e.g. :func:`errors.fee_kind_unknown`."""
    allowed = [str(choice) for choice in choices]
    if value not in allowed:
        raise error(value=value, allowed=allowed)


def validate_decimal_places(value: Decimal, places: int = 2) -> None:
    exponent = Decimal(value).normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise errors.number_too_precise(places=places)


def validate_at_most(value: Decimal | int, limit: Decimal | int) -> None:
    if value > limit:
        raise errors.number_too_large(value=value, limit=limit)


# --- procedure rules ------------------------------------------------------------------------------------------


def validate_national_code(value: str) -> None:
    if len(value) > NATIONAL_CODE_MAX_LENGTH or not NATIONAL_CODE_PATTERN.fullmatch(value):
        raise errors.procedure_code_invalid(value=value)


def validate_field_code(value: str) -> None:
    if not FIELD_CODE_PATTERN.fullmatch(value):
        raise errors.field_code_invalid(value=value)


def validate_levels(levels: Iterable[str]) -> None:
    levels = list(levels)
    if not levels:
        raise errors.levels_empty()
    for level in levels:
        validate_choice(level, ImplementingLevel.values, error=errors.level_unknown)
    repeated = sorted({level for level in levels if levels.count(level) > 1})
    if repeated:
        raise errors.level_repeated(value=repeated[0])


def validate_time_limit(value: Decimal) -> None:
    if value < 0:
        raise errors.time_limit_negative()
    validate_decimal_places(value)
    validate_at_most(value, Decimal("99999.99"))


def validate_same_day_in_working_time(*, same_day_cutoff: bool, time_limit_unit: str) -> None:
    if same_day_cutoff and time_limit_unit not in WORKING_UNITS:
        raise errors.same_day_needs_working_time()


def validate_has_components(components: tuple[ComponentSpec, ...]) -> None:
    if not components:
        raise errors.without_components()


def steps_total(steps: Iterable[StepSpec]) -> Decimal:
    """Elapsed time of the process: sequential steps add up, a run of parallel steps counts as its longest."""
    total = Decimal(0)
    group: int | None = None
    longest = Decimal(0)
    for step in steps:
        if step.parallel_group is not None and step.parallel_group == group:
            longest = max(longest, step.duration)
            continue
        total += longest
        group, longest = step.parallel_group, step.duration
    return total + longest


def validate_steps_within_limit(spec: ProcedureSpec) -> None:
    if spec.time_limit_unit not in WORKING_UNITS or spec.time_limit < 0:
        return  # idle calendar days count too; a negative limit is reported by its own rule
    total = steps_total(spec.steps)
    if total > spec.time_limit:
        raise errors.steps_exceed_time_limit(total=total, limit=spec.time_limit)


# --- part rules -------------------------------------------------------------------------------------------------


def validate_quantity(value: int) -> None:
    if value < 1 or value > MAX_QUANTITY:
        raise errors.component_quantity_invalid(max=MAX_QUANTITY)


def validate_condition_given(*, mandatory: bool, condition: str) -> None:
    if not mandatory and not condition.strip():
        raise errors.component_condition_missing()


def validate_amount(value: int) -> None:
    if value < 0:
        raise errors.fee_amount_negative()
    validate_at_most(value, MAX_AMOUNT_VND)


def validate_fee_group(value: int | None) -> None:
    if value is not None and not 1 <= value <= MAX_QUANTITY:
        raise errors.fee_group_invalid(max=MAX_QUANTITY)


def validate_alternative_not_optional(*, group: int | None, optional: bool) -> None:
    """One line of an alternative group always applies, so a line cannot be both an alternative and optional."""
    if group is not None and optional:
        raise errors.fee_alternative_optional()


def fee_group_issues(fees: tuple[FeeSpec, ...]) -> list[SpecIssue]:
    """Alternatives come in groups of two or more lines (docs/domain.md, "Fees and postage")."""
    positions: dict[int, list[int]] = {}
    for index, fee in enumerate(fees):
        if fee.group is not None:
            positions.setdefault(fee.group, []).append(index)
    return [
        SpecIssue("fees", indexes[0], "group", errors.fee_group_single_line(group=group))
        for group, indexes in positions.items()
        if len(indexes) == 1
    ]


def validate_duration(value: Decimal) -> None:
    if value < 0:
        raise errors.step_duration_negative()
    validate_decimal_places(value)
    validate_at_most(value, Decimal("9999.99"))


def validate_parallel_group(value: int | None) -> None:
    if value is not None and value < 1:
        raise errors.parallel_group_invalid()


def parallel_group_issues(steps: tuple[StepSpec, ...]) -> list[SpecIssue]:
    """Steps run in parallel in groups of two or more that follow one another."""
    issues = []
    positions: dict[int, list[int]] = {}
    for index, step in enumerate(steps):
        if step.parallel_group is not None:
            positions.setdefault(step.parallel_group, []).append(index)
    for group, indexes in positions.items():
        if len(indexes) == 1:
            error = errors.parallel_group_single_step(group=group)
            issues.append(SpecIssue("steps", indexes[0], "parallel_group", error))
        elif indexes[-1] - indexes[0] + 1 != len(indexes):
            error = errors.parallel_group_not_contiguous(group=group)
            issues.append(SpecIssue("steps", indexes[-1], "parallel_group", error))
    return issues


# --- collecting -------------------------------------------------------------------------------------------------


class _Collector:
    def __init__(self, part: str, index: int | None) -> None:
        self.part, self.index = part, index
        self.issues: list[Any] = []

    def check(self, field: str, rule: Callable[..., None], *args: Any, **kwargs: Any) -> None:
        try:
            rule(*args, **kwargs)
        except ApplicationError as error:
            self.issues.append(SpecIssue(self.part, self.index, field, error))

    def text(self, field: str, value: str, limit: int, *, required: bool = True) -> None:
        if required:
            self.check(field, validate_required, value)
        self.check(field, validate_max_length, value, limit)


# --- e-form rules --------------------------------------------------------------------------------------------------


def validate_eform_key(position: int, key: str, seen: set[str]) -> None:
    if not eform.KEY_PATTERN.fullmatch(key):
        raise errors.eform_key_invalid(position=position, key=key)
    if key.startswith(eform.RESERVED_KEY_PREFIXES):
        raise errors.eform_key_reserved(position=position, key=key)
    if key in seen:
        raise errors.eform_key_repeated(position=position, key=key)


def validate_eform_texts(position: int, spec: EFormFieldSpec) -> None:
    if not spec.label:
        raise errors.eform_label_missing(position=position)
    for name, limit in (("label", eform.LABEL_MAX), ("label_en", eform.LABEL_MAX), ("help", eform.HELP_MAX)):
        if len(getattr(spec, name)) > limit:
            raise errors.eform_text_invalid(position=position, name=name, limit=limit)


def validate_eform_type(position: int, spec: EFormFieldSpec) -> None:
    """A known type, and only the attributes that type uses, within their bounds."""
    if spec.type not in eform.FIELD_TYPES:
        raise errors.eform_type_unknown(position=position, value=spec.type, allowed=", ".join(eform.FIELD_TYPES))
    given = {name for name in ("max_length", "min", "max") if getattr(spec, name) is not None}
    if spec.options:
        given.add("options")
    allowed = {eform.CHOICE: {"options"}, eform.NUMBER: {"min", "max"}}.get(spec.type, set())
    if spec.type in eform.TEXT_TYPES:
        allowed = {"max_length"}
    for name in sorted(given - allowed):
        raise errors.eform_attribute_not_for_type(position=position, name=name, type=spec.type)
    if spec.max_length is not None and not 1 <= spec.max_length <= eform.TEXT_MAX_LENGTH[spec.type]:
        raise errors.eform_max_length_invalid(position=position, limit=eform.TEXT_MAX_LENGTH[spec.type])
    bounds = [b for b in (spec.min, spec.max) if b is not None]
    if any(abs(b) > eform.NUMBER_LIMIT for b in bounds) or (len(bounds) == 2 and bounds[0] > bounds[1]):
        raise errors.eform_bounds_invalid(position=position, limit=eform.NUMBER_LIMIT)
    if spec.type == eform.CHOICE:
        validate_eform_options(position, spec.options)


def validate_eform_options(position: int, options: tuple[tuple[str, str], ...]) -> None:
    values = [value for value, _label in options]
    if (
        not 2 <= len(options) <= eform.OPTIONS_MAX
        or len(set(values)) != len(values)
        or not all(eform.OPTION_VALUE_PATTERN.fullmatch(value) for value in values)
        or not all(label and len(label) <= eform.LABEL_MAX for _value, label in options)
    ):
        raise errors.eform_options_invalid(position=position, max=eform.OPTIONS_MAX)


def check_eform_fields(fields: tuple[EFormFieldSpec, ...]) -> list[SpecIssue]:
    """Every broken rule of the e-form's declaration, reported on the version's ``eform_fields``."""
    c = _Collector("procedure", None)
    if len(fields) > EFORM_MAX_FIELDS:
        c.issues.append(
            SpecIssue("procedure", None, "eform_fields", errors.eform_too_many_fields(max=EFORM_MAX_FIELDS))
        )
    seen: set[str] = set()
    for position, spec in enumerate(fields, start=1):
        c.check("eform_fields", validate_eform_key, position, spec.key, seen)
        seen.add(spec.key)
        c.check("eform_fields", validate_eform_texts, position, spec)
        c.check("eform_fields", validate_eform_type, position, spec)
    return c.issues


def check_procedure(spec: ProcedureSpec) -> list[SpecIssue]:
    """The rules on the procedure's own values (not its parts)."""
    c = _Collector("procedure", None)
    c.check("national_code", validate_national_code, spec.national_code)
    c.check("field_code", validate_field_code, spec.field_code)
    c.text("name", spec.name, 500)
    c.check("levels", validate_levels, spec.levels)
    c.text("competent_authority", spec.competent_authority, 500)
    c.check("time_limit", validate_time_limit, spec.time_limit)
    c.check(
        "time_limit_unit",
        validate_choice,
        spec.time_limit_unit,
        TimeLimitUnit.values,
        error=errors.time_limit_unit_unknown,
    )
    c.check(
        "same_day_cutoff",
        validate_same_day_in_working_time,
        same_day_cutoff=spec.same_day_cutoff,
        time_limit_unit=spec.time_limit_unit,
    )
    c.text("result_kind", spec.result_kind, 500)
    c.check(
        "online_submission",
        validate_choice,
        spec.online_submission,
        OnlineSubmission.values,
        error=errors.online_submission_unknown,
    )
    return c.issues + check_eform_fields(spec.eform_fields)


def check_component(component: ComponentSpec, index: int) -> list[SpecIssue]:
    c = _Collector("components", index)
    c.text("name", component.name, 500)
    c.check("form", validate_choice, component.form, ComponentForm.values, error=errors.component_form_unknown)
    c.check("quantity", validate_quantity, component.quantity)
    c.check("condition", validate_condition_given, mandatory=component.mandatory, condition=component.condition)
    c.text("condition", component.condition, 500, required=False)
    c.text("form_template", component.form_template, 255, required=False)
    return c.issues


def check_fee(fee: FeeSpec, index: int) -> list[SpecIssue]:
    c = _Collector("fees", index)
    c.check("kind", validate_choice, fee.kind, FeeKind.values, error=errors.fee_kind_unknown)
    c.text("description", fee.description, 500)
    c.check("amount", validate_amount, fee.amount)
    c.check("group", validate_fee_group, fee.group)
    c.check("optional", validate_alternative_not_optional, group=fee.group, optional=fee.optional)
    c.text("per_unit", fee.per_unit, 50, required=False)
    return c.issues


def check_step(step: StepSpec, index: int) -> list[SpecIssue]:
    c = _Collector("steps", index)
    c.text("name", step.name, 255)
    c.check("role", validate_choice, step.role, STEP_ROLES, error=errors.step_role_unknown)
    c.text("unit", step.unit, 255)
    c.check("duration", validate_duration, step.duration)
    c.check("parallel_group", validate_parallel_group, step.parallel_group)
    return c.issues


def check_structure(spec: ProcedureSpec) -> list[SpecIssue]:
    """The rules across parts: components present, parallel groups well formed, steps within the limit."""
    c = _Collector("procedure", None)
    c.check("national_code", validate_has_components, spec.components)
    c.check("time_limit", validate_steps_within_limit, spec)
    return c.issues + parallel_group_issues(spec.steps) + fee_group_issues(spec.fees)


def spec_issues(spec: ProcedureSpec) -> list[SpecIssue]:
    """Every rule the spec breaks, in a stable order."""
    issues = check_procedure(spec)
    for index, component in enumerate(spec.components):
        issues += check_component(component, index)
    for index, fee in enumerate(spec.fees):
        issues += check_fee(fee, index)
    for index, step in enumerate(spec.steps):
        issues += check_step(step, index)
    return issues + check_structure(spec)
