"""The calendar in the database reproduces the announced 2025 and 2026 schedules exactly."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.workdays.models import DayKind, DayOverride
from motcua.workdays.selectors import work_calendar, workday_year_schedule

from .support import shipped

pytestmark = pytest.mark.django_db

SCHEDULE_2025 = {
    "off": [(1, 1), (1, 27), (1, 28), (1, 29), (1, 30), (1, 31), (4, 7), (4, 30), (5, 1), (5, 2), (9, 1), (9, 2)],
    "worked": [(4, 26)],
}
SCHEDULE_2026 = {
    "off": [
        *[(1, 1), (1, 2), (2, 16), (2, 17), (2, 18), (2, 19), (2, 20), (4, 27), (4, 30), (5, 1)],
        *[(8, 31), (9, 1), (9, 2)],  # not 24/11: Vietnam Culture Day is not a holiday in law yet
    ],
    "worked": [(1, 10), (8, 22)],
}


@pytest.mark.parametrize(("year", "expected"), [(2025, SCHEDULE_2025), (2026, SCHEDULE_2026)])
def test_the_year_matches_the_announced_weekdays_off_and_saturdays_worked(announced, year, expected):
    exceptions = work_calendar().year_exceptions(year)

    assert [(d.month, d.day) for d, worked in exceptions if not worked] == expected["off"]
    assert [(d.month, d.day) for d, worked in exceptions if worked] == expected["worked"]


def test_every_shipped_row_has_a_name_and_a_legal_basis_and_is_in_2025_or_2026(announced):
    rows = DayOverride.objects.filter(date__in=[day for day, *_ in shipped.ANNOUNCED])

    assert rows.count() == len(shipped.ANNOUNCED)
    assert all(row.name and row.legal_basis and row.date.year in (2025, 2026) for row in rows)
    assert set(rows.filter(kind=DayKind.WORKING).values_list("date", flat=True)) == {
        date(2025, 4, 26),
        date(2026, 1, 10),
        date(2026, 8, 22),
    }


def test_loading_the_shipped_schedule_again_keeps_an_administrators_edit(announced):
    from django.apps import apps

    DayOverride.objects.filter(date=date(2026, 8, 22)).update(kind=DayKind.HOLIDAY, name="Không làm bù")
    shipped.load_announced(apps, None)

    assert DayOverride.objects.get(date=date(2026, 8, 22)).name == "Không làm bù"
    assert DayOverride.objects.filter(date__year__in=(2025, 2026)).count() == len(shipped.ANNOUNCED)


def test_the_year_schedule_names_each_exception_and_says_where_it_comes_from(announced):
    schedule = {entry.day: entry for entry in workday_year_schedule(year=2026)}

    assert schedule[date(2026, 1, 10)].is_working and schedule[date(2026, 1, 10)].from_override
    assert "12729/VPCP-KGVX" in schedule[date(2026, 1, 10)].legal_basis
    assert not schedule[date(2026, 4, 27)].from_override
    assert "Hùng Vương" in schedule[date(2026, 4, 27)].name
    assert "Điều 112 khoản 3" in schedule[date(2026, 4, 27)].legal_basis  # nghỉ bù for Sunday 26/4


def test_every_day_off_and_day_worked_of_the_schedule_names_its_source(announced):
    for year in (2025, 2026, 2027, 2029):
        for entry in workday_year_schedule(year=year):
            assert entry.legal_basis.strip(), (entry.day, entry.name)


@pytest.mark.parametrize("year", [2026, 2027, 2029, 2030])
def test_vietnam_culture_day_is_not_a_default_holiday_while_it_is_not_law(year):
    """GIVEN the holidays package marks 24/11 (and its nghỉ bù) off from 2026 after Resolution 80-NQ/TW
    WHEN the statutory calendar is built THEN 24/11 is an ordinary day: the Labour Code, Art. 112, has not
    been amended (docs/domain.md, "Holidays")."""
    calendar = work_calendar()
    culture_day = date(year, 11, 24)

    assert culture_day.weekday() >= 5 or calendar.is_working_day(culture_day)
    assert all(day.month != 11 for day, worked in calendar.year_exceptions(year) if not worked)


def test_an_administrator_may_still_add_vietnam_culture_day_as_an_override_naming_its_source():
    from motcua.workdays.services import day_override_set

    day_override_set(
        day=date(2026, 11, 24),
        kind=DayKind.HOLIDAY,
        name="Ngày Văn hóa Việt Nam",
        legal_basis="Bộ luật Lao động sửa đổi (số hiệu khi ban hành)",
    )

    assert not work_calendar().is_working_day(date(2026, 11, 24))
