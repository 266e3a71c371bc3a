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
        *[(8, 31), (9, 1), (9, 2), (11, 24)],
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
