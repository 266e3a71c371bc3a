"""`manage.py workdays`: appointments, working time between instants, and a year's schedule."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from .support import VIETNAMESE_COMPILED, needs_vietnamese

pytestmark = pytest.mark.django_db


def run(*args: str, language: str = "en") -> str:
    out = StringIO()
    with translation.override(language):
        call_command("workdays", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("args", "printed"),
    [
        (("add", "24/01/2025 09:15", "3"), "2025-02-05T09:15:00+07:00"),
        (("add", "09:15 24/01/2025", "0,5"), "2025-01-24T15:15:00+07:00"),
        (("add", "2025-03-07T17:30", "1"), "2025-03-10T17:00:00+07:00"),
        (("add", "2025-03-07T02:15:00Z", "1"), "2025-03-10T09:15:00+07:00"),
        (("add", "2025-04-29T16:00", "2", "--hours"), "2025-05-05T08:00:00+07:00"),
        (("add", "20/01/2025 09:00", "7", "--calendar-days"), "2025-02-03T17:00:00+07:00"),
        (("add", "25/04/2025 15:30", "--same-day"), "2025-04-26T17:00:00+07:00"),
        (("add", "25/04/2025 14:30", "--same-day"), "2025-04-25T17:00:00+07:00"),
        (
            ("add", "25/04/2025 08:00", "4", "--hours", "--office-hours", "07:30-11:30,13:00-17:00"),
            "2025-04-25T13:30:00+07:00",
        ),
    ],
)
def test_add_prints_the_due_instant_in_iso_8601_local_time(announced, args, printed):
    assert run(*args) == printed


def test_between_prints_working_days_and_hours_and_an_iso_duration(announced):
    assert run("between", "2025-04-24T09:00", "24/04/2025 09:00").splitlines() == [
        "0 days 00:00 working time (0 h)",
        "PT0S",
    ]
    assert run("between", "2025-03-10T09:00", "12/03/2025 12:30").splitlines() == [
        "2 days 02:30 working time (18.5 h)",
        "PT18H30M",
    ]
    assert run("between", "2025-03-12T12:30", "10/03/2025 09:00").splitlines() == [
        "-2 days 02:30 working time (-18.5 h)",
        "-PT18H30M",
    ]


def test_between_counts_microseconds(announced):
    lines = run("between", "2025-03-10T09:00:00.5", "2025-03-10T09:00:01.75").splitlines()

    assert lines == ["0 days 00:00:01.250000 working time (0.000347 h)", "PT1.25S"]


def test_year_lists_weekdays_off_and_weekend_days_worked_with_their_source(announced):
    lines = run("year", "2025").splitlines()

    assert lines[0] == "2025: 250 working days; office hours 07:00-11:30,13:30-17:00."
    assert lines[1] == "Weekdays off:"
    assert any(line.startswith("  02/05/2025 Friday") and "[override]" in line for line in lines)
    assert any(line.startswith("  07/04/2025 Monday") and "[statutory (holidays package)]" in line for line in lines)
    worked = lines[lines.index("Weekend days worked:") + 1 :]
    assert worked == [
        "  26/04/2025 Saturday  Làm bù cho thứ Sáu 02/05/2025 [override]"
        " — Công văn 8726/VPCP-KGVX ngày 26/11/2024; Thông báo 6150/TB-BLĐTBXH của Bộ LĐ-TB&XH"
    ]


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (("add", "32/01/2025", "3"), "is not a date and time"),
        (("add", "2025-01-24T09:00", "three"), "is not a valid amount of time"),
        (("add", "2025-01-24T09:00"), "Give the time limit"),
        (("add", "2025-01-24T09:00", "1", "--office-hours", "9-5"), "is not a period written HH:MM-HH:MM"),
        (("add", "2025-01-24T09:00", "1.5", "--calendar-days"), "whole number of days"),
        (("year", "2150"), "outside the working-day calendar"),
        (("year", "MMXXVI"), "invalid arguments: argument year: invalid int value"),
        (("add", "2025-01-24T09:00", "1", "--hours", "--same-day"), "invalid arguments: argument --same-day"),
    ],
)
def test_bad_input_is_refused_with_a_message_in_vietnamese_and_english(announced, args, english):
    with pytest.raises(CommandError) as caught:
        run(*args, language="vi")

    message = str(caught.value)
    assert english in message
    if VIETNAMESE_COMPILED:  # "Vietnamese / English"
        vietnamese, _, rest = message.partition(" / ")
        assert english in rest
        assert re.search("[ạảấầẩậắằặẹẻếềểệịọỏốồổộớờởợụủứừửựđơư]", vietnamese), vietnamese


@needs_vietnamese
def test_vietnamese_output_uses_the_decimal_comma(announced):
    lines = run("between", "2025-03-10T09:00", "12/03/2025 12:30", language="vi").splitlines()

    assert lines == ["2 ngày 02:30 thời gian làm việc (18,5 giờ)", "PT18H30M"]
