"""The queue figures computed from a known day of tickets driven through the services: arrivals per hour, waits
against 15 minutes, the target met or not per day, service times, abandonment, no-shows and ratings."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.core.localtime import LOCAL_TIME_ZONE
from motcua.tickets.figures.compute import figures_compute
from motcua.tickets.models import Priority, RatingSource, Ticket, TicketChannel
from motcua.tickets.services import (
    call_next,
    rating_give,
    shift_open,
    ticket_cancel,
    ticket_finish,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    tickets_expire,
)

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)


def at(day: date, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TIME_ZONE)


def issue(centre, letter: str, when: datetime, **kwargs) -> Ticket:
    kwargs.setdefault("channel", TicketChannel.KIOSK)
    return ticket_issue(point=centre.point, service=centre.services[letter], at=when, **kwargs)


def build_two_days(centre) -> dict[str, Ticket]:
    """Monday: 7 tickets, waits 10, 7, 30, 5 and 15 minutes (4 of 5 within 15: 80 %, target not met), services
    20, 28, 10 and 40 minutes, one cancelled, one expired, one no-show, four ratings. Tuesday: 3 tickets called
    after 5, 9 and 13 minutes (100 %: met)."""
    first, second = centre.clerks[0], centre.clerks[1]
    m = MONDAY
    t = {
        "t1": issue(centre, "A", at(m, "08:00"), priority=Priority.ELDERLY),
        "t2": issue(centre, "A", at(m, "08:05")),
        "t3": issue(centre, "B", at(m, "08:10")),
    }
    shift_open(user=first, counter=centre.counters[1], at=at(m, "07:55"))
    shift_open(user=second, counter=centre.counters[4], at=at(m, "07:55"))
    assert call_next(user=first, at=at(m, "08:10")) == t["t1"]  # wait 10
    assert call_next(user=second, at=at(m, "08:12")) == t["t2"]  # wait 7
    assert call_next(user=first, at=at(m, "08:30")) is None  # t1 served in 20
    assert call_next(user=second, at=at(m, "08:40")) == t["t3"]  # t2 served in 28; t3 waited 30
    ticket_finish(user=second, label=t["t3"].label, at=at(m, "08:50"))  # 10
    t["t4"] = issue(centre, "C", at(m, "09:00"), channel=TicketChannel.APPOINTMENT)
    assert call_next(user=second, at=at(m, "09:05")) == t["t4"]  # wait 5
    t["t5"] = issue(centre, "A", at(m, "09:10"))
    ticket_cancel(ticket=t["t5"], at=at(m, "09:20"))
    t["t6"] = issue(centre, "D", at(m, "09:30"))
    assert call_next(user=second, at=at(m, "09:45")) == t["t6"]  # t4 served in 40; t6 waited 15 (counts)
    ticket_recall(user=second, label=t["t6"].label, at=at(m, "09:47"))
    ticket_recall(user=second, label=t["t6"].label, at=at(m, "09:49"))
    ticket_no_show(user=second, label=t["t6"].label, at=at(m, "09:50"))
    t["t7"] = issue(centre, "B", at(m, "10:00"))  # nobody calls it
    for key, score, reasons in (
        ("t1", "satisfied", ["fast", "helpful"]),
        ("t2", "dissatisfied", ["long_wait"]),
        ("t3", "satisfied", ["fast"]),
        ("t4", "neutral", []),
    ):
        t[key].refresh_from_db()
        rating_give(ticket=t[key], score=score, source=RatingSource.PHONE, reasons=reasons, at=at(m, "11:00"))
    tickets_expire(before=at(TUESDAY, "07:00"))
    d = TUESDAY
    tuesday = [issue(centre, "A", at(d, f"08:0{n}")) for n in range(3)]
    for n, clock in enumerate(("08:05", "08:10", "08:15")):
        assert call_next(user=second, at=at(d, clock)) == tuesday[n]
    ticket_finish(user=second, label=tuesday[2].label, at=at(d, "08:20"))
    return t


def test_a_day_of_tickets_gives_exact_waits_services_abandonment_and_ratings(centre):
    build_two_days(centre)

    monday = figures_compute(points=[centre.point], start=MONDAY, end=MONDAY).total

    assert (monday.arrivals, monday.called, monday.served) == (7, 5, 4)
    assert monday.waits == [5, 7, 10, 15, 30]
    assert monday.wait_mean == pytest.approx(13.4)
    assert monday.wait_median == 10 and monday.wait_p90 == pytest.approx(24.0) and monday.wait_max == 30
    assert monday.within_target == 4 and monday.within_share == pytest.approx(0.8)
    assert monday.target_met is False
    assert monday.service_mean == pytest.approx(24.5) and monday.service_p90 == pytest.approx(36.4)
    assert (monday.cancelled, monday.expired, monday.no_shows) == (1, 1, 1)
    assert monday.abandoned_share == pytest.approx(2 / 7)
    assert monday.priority_share == pytest.approx(1 / 7) and monday.appointment_share == pytest.approx(1 / 7)
    assert monday.rated == 4
    assert (monday.satisfied_share, monday.neutral_share, monday.dissatisfied_share) == (0.5, 0.25, 0.25)
    assert [(code, count) for code, _label, count in monday.top_reasons] == [
        ("fast", 2),
        ("helpful", 1),
        ("long_wait", 1),
    ]


def test_arrivals_and_waits_per_local_hour_counter_and_clerk(centre):
    build_two_days(centre)

    figures = figures_compute(points=[centre.point], start=MONDAY, end=MONDAY)

    hours = {row.key: row for row in figures.by_hour}
    assert {hour: row.arrivals for hour, row in hours.items()} == {8: 3, 9: 3, 10: 1}
    assert hours[8].waits == [7, 10, 30] and hours[9].waits == [5, 15] and hours[10].waits == []
    assert hours[8].label == "08:00–09:00"
    counters = {row.label: row for row in figures.by_counter}
    assert counters["Quầy 1"].waits == [10] and counters["Quầy 1"].served == 1
    assert counters["Quầy 4"].waits == [5, 7, 15, 30] and counters["Quầy 4"].no_shows == 1
    clerks = {row.key: row for row in figures.by_clerk}
    first, second = centre.clerks[0], centre.clerks[1]
    assert clerks[first.pk].served == 1 and clerks[first.pk].service_mean == 20
    assert clerks[second.pk].served == 3 and clerks[second.pk].service_mean == pytest.approx(26.0)
    assert clerks[first.pk].rated == 1 and clerks[second.pk].dissatisfied_share == pytest.approx(1 / 3)


def test_the_target_is_met_or_not_per_day(centre, settings):
    settings.QUEUE_TARGET_SHARE = 0.9
    build_two_days(centre)

    figures = figures_compute(points=[centre.point], start=MONDAY, end=TUESDAY)

    verdicts = {row.key: (row.within_share, row.target_met) for row in figures.by_day}
    assert verdicts == {MONDAY: (0.8, False), TUESDAY: (1.0, True)}
    assert (figures.days_met, figures.days_measured) == (1, 2)
    assert figures.total.arrivals == 10 and figures.total.within_share == pytest.approx(7 / 8)
    # motcua's share is a setting: at 80 % Monday meets it too.
    settings.QUEUE_TARGET_SHARE = 0.8
    assert figures_compute(points=[centre.point], start=MONDAY, end=MONDAY).total.target_met is True


def test_a_day_without_calls_has_no_verdict(centre):
    issue(centre, "A", at(MONDAY, "08:00"))

    day = figures_compute(points=[centre.point], start=MONDAY, end=MONDAY).by_day[0]

    assert (day.arrivals, day.called, day.within_share, day.target_met) == (1, 0, None, None)


def test_the_figures_take_a_bounded_number_of_queries(centre, django_assert_max_num_queries):
    build_two_days(centre)
    for n in range(20):
        issue(centre, "A", at(TUESDAY, "10:00") + timedelta(minutes=n))

    with django_assert_max_num_queries(5):
        figures = figures_compute(points=[centre.point], start=MONDAY, end=TUESDAY)

    assert figures.total.arrivals == 30


def test_the_command_prints_json_and_the_verdicts(centre):
    build_two_days(centre)
    out = StringIO()

    call_command(
        "queue_figures",
        "--point",
        centre.point.code,
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-24",
        "--json",
        stdout=out,
    )

    data = json.loads(out.getvalue())
    assert data["point"] == centre.point.code and data["target_minutes"] == 15
    assert data["headline"]["arrivals"] == 10 and data["headline"]["no_shows"] == 1
    assert [(day["day"], day["met"]) for day in data["days"]] == [("2026-11-23", False), ("2026-11-24", True)]
    text = StringIO()
    call_command(
        "queue_figures", "--point", centre.point.code, "--from", "2026-11-23", "--to", "2026-11-24", stdout=text
    )
    assert "2026-11-23: 80.0 % within the target of 5 called — target NOT met" in text.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--point", "NOPE"], "No centre"),
        (["--point", "TTHCC-TS", "--from", "2026-11-24", "--to", "2026-11-23"], "cannot be before"),
        (["--point", "TTHCC-TS", "--from", "99999-01-01"], "not a date"),
    ],
)
def test_the_command_refuses_bad_input_clearly(centre, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("queue_figures", *args)
