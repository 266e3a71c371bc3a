"""A simulated morning, driven through the queue's services: repeatable with a seed, every ticket closed, waits
that make sense, and counts that add up."""

from __future__ import annotations

from collections import Counter
from datetime import date, time

import pytest
from django.core.management import CommandError, call_command

from motcua.tickets.models import CounterRating, Ticket, TicketEvent, TicketEventKind, TicketStatus
from motcua.tickets.simulate import DayTaken, morning_simulate

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 1)


def snapshot(point) -> list[tuple]:
    return list(
        Ticket.objects.filter(point=point, day=DAY)
        .order_by("sequence")
        .values_list(
            "label", "status", "priority", "channel", "issued_at", "called_at", "finished_at", "counter__number"
        )
    )


def simulate(centre, **kwargs):
    options = {"point": centre.point, "day": DAY, "visitors": 60, "seed": 3, "start": time(7, 30), "end": time(9, 0)}
    options.update(kwargs)
    return morning_simulate(**options)


def test_same_seed_gives_the_same_morning_and_replace_is_needed(centre):
    first = simulate(centre)
    before = snapshot(centre.point)
    with pytest.raises(DayTaken):
        simulate(centre)
    again = simulate(centre, replace=True)
    assert snapshot(centre.point) == before
    assert (again.served, again.no_shows, again.cancelled, again.ratings) == (
        first.served,
        first.no_shows,
        first.cancelled,
        first.ratings,
    )
    other = simulate(centre, replace=True, seed=4)
    assert snapshot(centre.point) != before and other.visitors == 60


def test_every_ticket_ends_closed_with_sane_times(centre):
    result = simulate(centre, visitors=80)
    tickets = list(Ticket.objects.filter(point=centre.point, day=DAY))
    assert len(tickets) == 80 == result.visitors
    assert {t.status for t in tickets} <= {TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.CANCELLED}
    assert [t.sequence for t in sorted(tickets, key=lambda t: t.sequence)] == list(range(1, 81))
    for ticket in tickets:
        if ticket.called_at is not None:
            assert ticket.wait_seconds >= 0
            assert ticket.finished_at >= ticket.called_at
        assert ticket.finished_at is None or ticket.finished_at >= ticket.issued_at
    assert all(w >= 0 for w in result.waits)
    assert result.still_open == 0


def test_the_counts_add_up(centre):
    result = simulate(centre, visitors=100, seed=11, end=time(11, 30))
    statuses = Counter(Ticket.objects.filter(point=centre.point, day=DAY).values_list("status", flat=True))
    assert statuses[TicketStatus.DONE] == result.served
    assert statuses[TicketStatus.NO_SHOW] == result.no_shows
    assert statuses[TicketStatus.CANCELLED] == result.cancelled
    assert result.served + result.no_shows + result.cancelled == result.visitors == 100
    assert result.served > 60 and result.appointments > 0
    events = Counter(TicketEvent.objects.filter(point=centre.point).values_list("kind", flat=True))
    assert events[TicketEventKind.ISSUED] == 100
    assert events[TicketEventKind.DONE] == result.served
    assert events[TicketEventKind.TRANSFERRED] == result.transfers
    ratings = CounterRating.objects.filter(point=centre.point)
    assert ratings.count() == result.ratings > 0
    # a long wait is the reason given whenever a visitor who waited long complains
    for rating in ratings.select_related("ticket"):
        if rating.score != "satisfied" and rating.ticket.wait_seconds > 15 * 60:
            assert rating.reasons == ["long_wait"]
    # the waits the simulation reports are those of the first calls
    called = Ticket.objects.filter(point=centre.point, day=DAY, called_at__isnull=False)
    assert len(result.waits) == called.count()


def test_command_refuses_bad_input_and_a_taken_day(centre):
    with pytest.raises(CommandError):
        call_command("queue_simulate", point="NOPE\x00", date="2026-12-01", visitors=5)
    with pytest.raises(CommandError):
        call_command("queue_simulate", point=centre.point.code, date="2026-13-45", visitors=5)
    with pytest.raises(CommandError):
        call_command("queue_simulate", point=centre.point.code, date="2026-12-01", visitors=10**9)
    call_command("queue_simulate", point=centre.point.code, date="2026-12-01", visitors=10, end="08:00")
    assert Ticket.objects.filter(point=centre.point, day=DAY).count() == 10
    with pytest.raises(CommandError) as taken:
        call_command("queue_simulate", point=centre.point.code, date="01/12/2026", visitors=10)
    assert "--replace" in str(taken.value)


def test_the_figures_count_the_simulated_morning(centre):
    """The supervisor's figures read the same day the simulation reports: arrivals, served, no-shows,
    abandonment, ratings, and waits whose mean matches."""
    from motcua.tickets.figures.compute import figures_compute

    result = simulate(centre, visitors=70, seed=5, end=time(11, 0))
    figures = figures_compute(points=[centre.point], start=DAY, end=DAY)
    total = figures.total
    assert total.arrivals == result.visitors == 70
    assert total.served == result.served
    assert total.no_shows == result.no_shows
    assert total.cancelled == result.cancelled and total.expired == 0
    assert total.served + total.no_shows + total.cancelled == total.arrivals
    assert total.called == len(result.waits)
    assert abs(total.wait_mean - result.mean_wait) < 1e-6
    assert sum(total.ratings.values()) == result.ratings
    assert sum(b.arrivals for b in figures.by_hour) == 70
    assert figures.days_measured == 1
