"""Putting a procedure into words: time limits and fee summaries in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from motcua.portal.guide import fee_summary, step_duration_words, time_limit_words
from motcua.procedures.models import Fee, FeeKind, ProcedureVersion, TimeLimitUnit


def version(limit: str, unit: str, *, same_day: bool = False) -> ProcedureVersion:
    return ProcedureVersion(time_limit=Decimal(limit), time_limit_unit=unit, same_day_cutoff=same_day)


@pytest.mark.parametrize(
    ("limit", "unit", "vi", "en"),
    [
        ("3", TimeLimitUnit.WORKING_DAYS, "3 ngày làm việc", "3 working days"),
        ("1", TimeLimitUnit.WORKING_DAYS, "1 ngày làm việc", "1 working day"),
        ("0.5", TimeLimitUnit.WORKING_DAYS, "0,5 ngày làm việc", "0.5 working days"),
        ("15.00", TimeLimitUnit.CALENDAR_DAYS, "15 ngày (kể cả ngày nghỉ)", "15 calendar days"),
        ("4", TimeLimitUnit.WORKING_HOURS, "4 giờ làm việc", "4 working hours"),
    ],
)
def test_time_limit_in_words(limit, unit, vi, en):
    with translation.override("vi"):
        assert time_limit_words(version(limit, unit)) == vi
    with translation.override("en"):
        assert time_limit_words(version(limit, unit)) == en


@override_settings(WORKDAY_SAME_DAY_CUTOFF="15:00")
def test_same_day_procedures_read_within_the_day():
    with translation.override("vi"):
        assert time_limit_words(version("1", TimeLimitUnit.WORKING_DAYS, same_day=True)) == "trong ngày (trước 15:00)"
    with translation.override("en"):
        assert (
            time_limit_words(version("1", TimeLimitUnit.WORKING_DAYS, same_day=True)) == "within the day (before 15:00)"
        )


def test_step_duration_uses_the_procedure_unit():
    with translation.override("vi"):
        assert step_duration_words(Decimal("0.25"), TimeLimitUnit.WORKING_DAYS) == "0,25 ngày làm việc"
        assert step_duration_words(Decimal("2"), TimeLimitUnit.WORKING_HOURS) == "2 giờ làm việc"


def fee(amount: int) -> Fee:
    return Fee(kind=FeeKind.CHARGE, description="Lệ phí", amount=amount)


def test_fee_summary():
    with translation.override("vi"):
        assert fee_summary([]) == "Không thu phí"
        assert fee_summary([fee(0)]) == "Không thu phí"
        assert fee_summary([fee(8000)]) == "8.000 ₫"
        # Lines that stand alone all apply: their total, never "from" the cheapest.
        assert fee_summary([fee(50000), fee(8000)]) == "58.000 ₫"
        assert fee_summary([fee(0), fee(8000)]) == "8.000 ₫"
        # Alternatives: one or the other, never their sum; an optional line is not counted.
        small, other = Fee(amount=500_000, group=1, order=1), Fee(amount=2_500_000, group=1, order=2)
        assert fee_summary([small, other]) == "500.000 ₫ hoặc 2.500.000 ₫"
        assert fee_summary([fee(0), Fee(amount=8000, optional=True, per_unit="bản", order=3)]) == "Không thu phí"
    with translation.override("en"):
        assert fee_summary([]) == "No fee"
        assert fee_summary([fee(1250000)]) == "1,250,000 VND"
