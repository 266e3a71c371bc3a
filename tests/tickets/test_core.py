"""The queue's core rules: numbering, routing, priority and appointments, calling, transfer, no-shows, linking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.core.errors import ApplicationError
from motcua.tickets.models import Appointment, Priority, Ticket, TicketChannel, TicketStatus
from motcua.tickets.services import (
    call_next,
    call_number,
    shift_open,
    ticket_estimate,
    ticket_finish,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_requeue,
    ticket_transfer,
    tickets_expire,
)

pytestmark = pytest.mark.django_db

T0 = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0)  # 08:00 in Vietnam


def issue(centre, letter, minutes, **kwargs):
    return ticket_issue(
        point=centre.point,
        service=centre.services[letter],
        channel=TicketChannel.KIOSK,
        at=T0 + timedelta(minutes=minutes),
        **kwargs,
    )


def test_numbers_run_per_centre_and_day_across_services(centre):
    labels = [issue(centre, letter, i).label for i, letter in enumerate("ABCA")]
    assert labels == ["A001", "B002", "C003", "A004"]
    tomorrow = ticket_issue(
        point=centre.point, service=centre.services["A"], channel=TicketChannel.KIOSK, at=T0 + timedelta(days=1)
    )
    assert tomorrow.label == "A001"


def test_dedicated_counter_serves_its_field_pooled_serves_all(centre):
    land = issue(centre, "B", 0)
    civil = issue(centre, "A", 1)
    guidance = issue(centre, "D", 2)
    clerk1, clerk2, _clerk3 = centre.clerks
    shift_open(user=clerk1, counter=centre.counters[1], at=T0)
    shift_open(user=clerk2, counter=centre.counters[4], at=T0)
    # Counter 1 (civil status) skips the land ticket that came first.
    assert call_next(user=clerk1, at=T0 + timedelta(minutes=5)) == civil
    # Counter 4 lists no field: pooled, it takes the oldest.
    assert call_next(user=clerk2, at=T0 + timedelta(minutes=5)) == land
    assert call_next(user=clerk1, at=T0 + timedelta(minutes=9)) == guidance
    assert call_next(user=clerk1, at=T0 + timedelta(minutes=12)) is None


def test_priority_is_brought_forward_but_never_past_a_long_wait(centre, settings):
    settings.QUEUE_PRIORITY_MINUTES = 15
    early = issue(centre, "A", 0)
    recent = issue(centre, "A", 20)
    elderly = issue(centre, "A", 25, priority=Priority.ELDERLY)
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[1], at=T0)
    order = [call_next(user=clerk, at=T0 + timedelta(minutes=30 + i)) for i in range(3)]
    assert order == [early, elderly, recent]


def test_appointment_checked_in_goes_ahead_within_tolerance(centre, settings):
    settings.QUEUE_APPOINTMENT_AHEAD_MINUTES = 20
    settings.QUEUE_APPOINTMENT_LATE_MINUTES = 15
    walk_in_long = issue(centre, "A", 0)
    walk_in = issue(centre, "A", 30)
    booking = Appointment.objects.create(
        point=centre.point,
        service=centre.services["A"],
        slot_start=T0 + timedelta(minutes=45),
        slot_minutes=30,
        name="Lê Văn A",
        created_at=T0 - timedelta(days=1),
    )
    booked = issue(centre, "A", 40, appointment=booking)
    late_booking = Appointment.objects.create(
        point=centre.point,
        service=centre.services["A"],
        slot_start=T0,
        slot_minutes=30,
        name="B",
        created_at=T0 - timedelta(days=1),
    )
    too_late = issue(centre, "A", 41, appointment=late_booking)
    assert too_late.rank_at == too_late.issued_at  # 41 minutes after its slot: a walk-in
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[1], at=T0)
    order = [call_next(user=clerk, at=T0 + timedelta(minutes=50 + i)) for i in range(4)]
    assert order == [walk_in_long, booked, walk_in, too_late]


def test_transfer_keeps_place_and_first_call(centre):
    first = issue(centre, "A", 0)
    later = issue(centre, "B", 1)
    clerk1, clerk2 = centre.clerks[:2]
    shift_open(user=clerk1, counter=centre.counters[1], at=T0)
    assert call_next(user=clerk1, at=T0 + timedelta(minutes=3)) == first
    moved = ticket_transfer(user=clerk1, label="A001", field=centre.land, at=T0 + timedelta(minutes=4))
    assert moved.status == TicketStatus.WAITING and moved.field == centre.land
    shift_open(user=clerk2, counter=centre.counters[2], at=T0)
    again = call_next(user=clerk2, at=T0 + timedelta(minutes=10))
    assert again == first  # before the land ticket issued after it
    assert again.called_at == T0 + timedelta(minutes=3)
    assert call_next(user=clerk2, at=T0 + timedelta(minutes=20)) == later
    to_counter = ticket_transfer(user=clerk2, label="B002", counter=centre.counters[4], at=T0 + timedelta(minutes=21))
    assert to_counter.target_counter == centre.counters[4]
    assert call_next(user=clerk1, at=T0 + timedelta(minutes=22)) is None  # counter 1 may not take it


def test_no_show_needs_calls_then_requeue_in_time(centre, settings):
    settings.QUEUE_NO_SHOW_CALLS = 2
    settings.QUEUE_REQUEUE_MINUTES = 30
    issue(centre, "A", 0)
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[1], at=T0)
    call_next(user=clerk, at=T0 + timedelta(minutes=1))
    with pytest.raises(ApplicationError) as refused:
        ticket_no_show(user=clerk, label="A001", at=T0 + timedelta(minutes=2))
    assert refused.value.code == "queue_no_show_too_early"
    assert ticket_recall(user=clerk, label="a001", at=T0 + timedelta(minutes=2)).calls == 2
    assert ticket_no_show(user=clerk, label="A001", at=T0 + timedelta(minutes=3)).status == TicketStatus.NO_SHOW
    back = ticket_requeue(user=clerk, label="A001", at=T0 + timedelta(minutes=10))
    assert back.status == TicketStatus.WAITING
    assert call_next(user=clerk, at=T0 + timedelta(minutes=11)) == back
    ticket_recall(user=clerk, label="A001", at=T0 + timedelta(minutes=12))
    ticket_no_show(user=clerk, label="A001", at=T0 + timedelta(minutes=13))
    with pytest.raises(ApplicationError) as late:
        ticket_requeue(user=clerk, label="A001", at=T0 + timedelta(minutes=50))
    assert late.value.code == "queue_requeue_too_late"


def test_call_number_and_errors(centre):
    issue(centre, "A", 0)
    issue(centre, "A", 1)
    clerk = centre.clerks[0]
    with pytest.raises(ApplicationError) as closed:
        call_next(user=clerk, at=T0)
    assert closed.value.code == "queue_not_at_counter"
    shift_open(user=clerk, counter=centre.counters[1], at=T0)
    assert call_number(user=clerk, label="a002", at=T0 + timedelta(minutes=2)).label == "A002"
    with pytest.raises(ApplicationError) as taken:
        call_number(user=clerk, label="A002", at=T0 + timedelta(minutes=3))
    assert taken.value.code == "queue_ticket_not_waiting"
    with pytest.raises(ApplicationError) as unknown:
        call_number(user=clerk, label="Z999\x00", at=T0 + timedelta(minutes=3))
    assert unknown.value.code == "queue_ticket_not_found"
    with pytest.raises(ApplicationError) as other_counter:
        shift_open(user=centre.clerks[1], counter=centre.counters[1], at=T0)
    assert other_counter.value.code == "queue_counter_taken"


def test_call_next_finishes_the_current_and_measures(centre):
    issue(centre, "A", 0)
    issue(centre, "A", 1)
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[1], at=T0)
    first = call_next(user=clerk, at=T0 + timedelta(minutes=10))
    call_next(user=clerk, at=T0 + timedelta(minutes=18))
    first.refresh_from_db()
    assert first.status == TicketStatus.DONE
    assert first.wait_seconds == 600 and first.service_seconds == 480
    finished = ticket_finish(user=clerk, label="A002", at=T0 + timedelta(minutes=20))
    assert finished.service_seconds == 120


def test_estimate_counts_those_ahead_for_the_same_counters(centre):
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[1], at=T0)
    shift_open(user=centre.clerks[1], counter=centre.counters[3], at=T0)
    issue(centre, "A", 0)
    issue(centre, "B", 1)
    issue(centre, "A", 2)
    mine = issue(centre, "A", 3)
    estimate = ticket_estimate(mine)
    assert estimate.ahead == 2  # the land ticket is not ahead of a civil-status one
    assert estimate.counters == 2 and estimate.minutes == 8  # 2 × 8 minutes ÷ 2 counters


def test_expire_closes_the_past_days(centre):
    waiting = issue(centre, "A", 0)
    called = issue(centre, "A", 1)
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[1], at=T0)
    call_number(user=clerk, label=called.label, at=T0 + timedelta(minutes=5))
    assert tickets_expire(before=T0 + timedelta(days=1)) == 2
    assert tickets_expire(before=T0 + timedelta(days=1)) == 0
    assert Ticket.objects.get(pk=waiting.pk).status == TicketStatus.EXPIRED
    assert Ticket.objects.get(pk=called.pk).status == TicketStatus.DONE


def test_call_next_costs_a_bounded_number_of_statements(centre, django_assert_max_num_queries):
    for minutes in range(3):
        issue(centre, "A", minutes)
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[1], at=T0)
    call_next(user=clerk, at=T0 + timedelta(minutes=5))
    # Finishing the visitor served and calling the next: shift, fields, finish (lock, update, event),
    # candidate, take, read back, event, and the transaction's own (savepoint here, BEGIN/COMMIT in production).
    with django_assert_max_num_queries(11):
        assert call_next(user=clerk, at=T0 + timedelta(minutes=9)).label == "A002"
