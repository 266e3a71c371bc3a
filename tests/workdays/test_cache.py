"""The calendar is built once and reused, and rebuilt when an override changes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache as django_cache

from motcua.workdays import cache
from motcua.workdays.models import DayKind, DayOverride
from motcua.workdays.selectors import work_calendar
from motcua.workdays.services import day_override_delete, day_override_set

from .support import at

pytestmark = pytest.mark.django_db

FRIDAY = at("2027-02-26 09:00")
MONDAY = date(2027, 3, 1)


def test_the_calendar_is_built_once_and_reused_while_nothing_changes(announced, django_assert_num_queries):
    first = work_calendar()

    with django_assert_num_queries(0):
        assert work_calendar() is first


def test_each_set_of_office_hours_gets_its_own_calendar(announced):
    default, local = work_calendar(), work_calendar(hours="07:30-11:30,13:00-17:00")

    assert default is not local
    assert str(local.hours) == "07:30-11:30,13:00-17:00"
    assert work_calendar(hours="07:30-11:30,13:00-17:00") is local


def test_adding_an_override_changes_the_next_due_date(announced):
    before = work_calendar().add_working_days(FRIDAY, 1)

    day_override_set(day=MONDAY, kind=DayKind.HOLIDAY, name="Nghỉ đột xuất", legal_basis="QĐ 1/2027")
    after = work_calendar().add_working_days(FRIDAY, 1)

    assert before == at("2027-03-01 09:00")
    assert after == at("2027-03-02 09:00")


def test_deleting_an_override_restores_the_statutory_day(announced):
    override = day_override_set(day=MONDAY, kind=DayKind.HOLIDAY, name="Nghỉ đột xuất", legal_basis="QĐ 1/2027")
    assert not work_calendar().is_working_day(MONDAY)

    day_override_delete(override=override)

    assert work_calendar().is_working_day(MONDAY)


def test_an_edit_outside_the_services_is_still_seen_once_the_stamp_expires(announced):
    override = DayOverride.objects.create(date=MONDAY, kind=DayKind.HOLIDAY, name="Nghỉ")  # signals drop the stamp
    assert not work_calendar().is_working_day(MONDAY)

    # A bulk update fires no signal; another process would notice when its stamp expires.
    DayOverride.objects.filter(pk=override.pk).update(kind=DayKind.WORKING, updated_at=at("2030-01-01 00:00"))
    assert not work_calendar().is_working_day(MONDAY)
    django_cache.delete(cache.VERSION_KEY)

    assert work_calendar().is_working_day(MONDAY)


def test_the_stamp_is_dropped_again_when_the_transaction_commits(announced, django_capture_on_commit_callbacks):
    work_calendar()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        DayOverride.objects.create(date=MONDAY, kind=DayKind.HOLIDAY, name="Nghỉ")
    work_calendar()
    assert django_cache.get(cache.VERSION_KEY) is not None

    for callback in callbacks:
        callback()

    assert django_cache.get(cache.VERSION_KEY) is None
