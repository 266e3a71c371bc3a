"""One rule, one stable code: the validators of a procedure's content."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.agencies.models import Role
from motcua.core.errors import ApplicationError
from motcua.procedures.specs import StepSpec
from motcua.procedures.validators import (
    NATIONAL_CODE_PATTERN,
    STEP_ROLES,
    spec_issues,
    steps_total,
    validate_national_code,
)
from tests.factories import ComponentSpecFactory, ProcedureSpecFactory

SUFFIX_GROUP = st.from_regex(r"[0-9A-Z]{1,12}", fullmatch=True)


def _codes(spec) -> list[tuple[str, int | None, str, str]]:
    return [(i.part, i.index, i.field, i.error.code) for i in spec_issues(spec)]


def _step(duration: str, group: int | None = None) -> StepSpec:
    return StepSpec(name="x", role="agency_specialist", unit="u", duration=Decimal(duration), parallel_group=group)


@pytest.mark.parametrize("code", ["1.001193", "2.000635", "2.000477.000.00.00.H56", "1.004873.H30"])
def test_national_codes_of_the_database_and_with_a_local_suffix_are_accepted(code):
    validate_national_code(code)


@pytest.mark.parametrize(
    "code", ["1001193", "1.00119", "1.0011930", "12.001193", "1.001193.", "1.001193.h56", " 1.001193", "1.001193-H56"]
)
def test_malformed_national_codes_are_refused_with_a_stable_code(code):
    with pytest.raises(ApplicationError) as caught:
        validate_national_code(code)
    assert caught.value.code == "procedure_code_invalid"
    assert code in caught.value.messages()["en"]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 9),
    st.integers(0, 999_999),
    st.lists(SUFFIX_GROUP, max_size=4),
)
def test_any_digit_dot_six_digits_with_uppercase_suffix_groups_is_a_national_code(first, number, suffix):
    code = ".".join([f"{first}.{number:06d}", *suffix])
    if len(code) <= 60:
        validate_national_code(code)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="0123456789.ABHhx -", max_size=24))
def test_the_validator_accepts_exactly_what_the_pattern_describes(text):
    expected_valid = bool(NATIONAL_CODE_PATTERN.fullmatch(text)) and len(text) <= 60
    try:
        validate_national_code(text)
    except ApplicationError as error:
        assert error.code == "procedure_code_invalid"
        assert not expected_valid
    else:
        assert expected_valid


def test_a_factory_spec_breaks_no_rule():
    assert spec_issues(ProcedureSpecFactory()) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"levels": ()}, ("procedure", None, "levels", "procedure_levels_empty")),
        ({"levels": ("district",)}, ("procedure", None, "levels", "procedure_level_unknown")),
        ({"levels": ("commune", "commune")}, ("procedure", None, "levels", "procedure_level_repeated")),
        ({"time_limit": Decimal("-1"), "steps": ()}, ("procedure", None, "time_limit", "time_limit_negative")),
        ({"time_limit": Decimal("3.005")}, ("procedure", None, "time_limit", "number_too_precise")),
        ({"time_limit_unit": "weeks"}, ("procedure", None, "time_limit_unit", "time_limit_unit_unknown")),
        ({"online_submission": "yes"}, ("procedure", None, "online_submission", "online_submission_unknown")),
        ({"name": "  "}, ("procedure", None, "name", "value_required")),
        ({"result_kind": "x" * 501}, ("procedure", None, "result_kind", "value_too_long")),
        ({"field_code": "hộ tịch"}, ("procedure", None, "field_code", "field_code_invalid")),
        ({"components": ()}, ("procedure", None, "national_code", "procedure_without_components")),
        ({"time_limit": Decimal("2")}, ("procedure", None, "time_limit", "steps_exceed_time_limit")),
    ],
)
def test_each_broken_procedure_rule_is_reported_with_its_field_and_code(changes, expected):
    spec = dataclasses.replace(ProcedureSpecFactory(), **changes)
    assert _codes(spec) == [expected]


def test_the_same_day_rule_needs_a_limit_in_working_time():
    spec = ProcedureSpecFactory(same_day=True, time_limit_unit="calendar_days")
    assert _codes(spec) == [("procedure", None, "same_day_cutoff", "same_day_needs_working_time")]


@pytest.mark.parametrize(
    ("component", "expected"),
    [
        ({"mandatory": False, "condition": ""}, ("components", 1, "condition", "component_condition_missing")),
        ({"quantity": 0}, ("components", 1, "quantity", "component_quantity_invalid")),
        ({"form": "photocopy"}, ("components", 1, "form", "component_form_unknown")),
    ],
)
def test_component_rules(component, expected):
    spec = ProcedureSpecFactory()
    spec = dataclasses.replace(spec, components=(spec.components[0], ComponentSpecFactory(**component)))
    assert _codes(spec) == [expected]


def test_fee_rules_refuse_negative_amounts_and_unknown_kinds():
    spec = ProcedureSpecFactory()
    bad = (dataclasses.replace(spec.fees[0], amount=-1), dataclasses.replace(spec.fees[0], kind="tax"))
    assert _codes(dataclasses.replace(spec, fees=bad)) == [
        ("fees", 0, "amount", "fee_amount_negative"),
        ("fees", 1, "kind", "fee_kind_unknown"),
    ]


def test_step_rules_refuse_unknown_roles_and_negative_durations():
    spec = ProcedureSpecFactory()
    steps = (dataclasses.replace(spec.steps[0], role="mayor"), dataclasses.replace(spec.steps[1], duration=-1))
    assert _codes(dataclasses.replace(spec, steps=steps)) == [
        ("steps", 0, "role", "step_role_unknown"),
        ("steps", 1, "duration", "step_duration_negative"),
    ]


def test_parallel_steps_count_once_in_the_elapsed_time():
    steps = (_step("0.5"), _step("2", 1), _step("1.5", 1), _step("1"), _step("1", 2), _step("3", 2))
    assert steps_total(steps) == Decimal("6.5")


def test_a_parallel_group_of_one_step_or_with_a_gap_is_refused():
    spec = ProcedureSpecFactory(
        time_limit=Decimal(10), steps=(_step("1", 1), _step("1"), _step("1", 2), _step("1"), _step("1", 2))
    )
    assert _codes(spec) == [
        ("steps", 0, "parallel_group", "parallel_group_single_step"),
        ("steps", 4, "parallel_group", "parallel_group_not_contiguous"),
    ]


def test_steps_may_exceed_a_limit_in_calendar_days_where_idle_days_count():
    spec = ProcedureSpecFactory(calendar_days=True, time_limit=Decimal(2))
    assert _codes(spec) == []


def test_step_roles_are_roles_of_the_agencies_app():
    assert set(STEP_ROLES) <= set(Role.values)
