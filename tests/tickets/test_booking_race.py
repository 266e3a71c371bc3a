"""Many visitors booking the last places of one slot at the same instant, on the real PostgreSQL: never more
appointments than places; then a winner checks in and is called ahead of the walk-ins."""

from __future__ import annotations

from datetime import datetime

import pytest

from motcua.core.errors import ApplicationError
from motcua.core.localtime import LOCAL_TIME_ZONE
from motcua.tickets.booking.capacity import day_slots
from motcua.tickets.booking.services import appointment_book
from motcua.tickets.models import Appointment, AppointmentStatus, TicketChannel
from motcua.tickets.services import appointment_check_in, call_next, shift_open, ticket_issue
from tests.concurrency import run_together
from tests.tickets.conftest import centre_build

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = datetime(2026, 12, 4, 10, tzinfo=LOCAL_TIME_ZONE)
SLOT = datetime(2026, 12, 7, 9, tzinfo=LOCAL_TIME_ZONE)
VISITORS = 12


def test_visitors_booking_the_last_places_at_once_never_overbook(settings):
    settings.QUEUE_APPOINTMENT_SHARE = 0.5  # B: 3 × 30 ÷ 15 × 0.5 = 3 places a slot
    centre = centre_build()
    service = centre.services["B"]
    appointment_book(point=centre.point, service=service, slot_start=SLOT, name="Đặt trước", phone="0900000000", at=NOW)

    def visitor(n: int):
        return lambda: appointment_book(
            point=centre.point, service=service, slot_start=SLOT, name=f"Khách {n}", phone=f"09{n:08d}", at=NOW
        )

    results = run_together(*[visitor(n) for n in range(1, VISITORS + 1)])
    booked = [r for r in results if isinstance(r, Appointment)]
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(booked) == 2 and len(refused) == VISITORS - 2, results
    assert {error.code for error in refused} == {"booking_slot_full"}
    assert Appointment.objects.filter(service=service, slot_start=SLOT, status=AppointmentStatus.BOOKED).count() == 3
    slot = next(s for s in day_slots(service, SLOT.date(), at=NOW) if s.start == SLOT)
    assert slot.is_full

    # A winner checks in on the day and is called before the walk-ins who came a little earlier.
    walk_ins = [
        ticket_issue(
            point=centre.point, service=service, channel=TicketChannel.KIOSK, at=SLOT.replace(hour=8, minute=m)
        )
        for m in (41, 43)
    ]
    ticket = appointment_check_in(point=centre.point, code=booked[0].code, at=SLOT.replace(hour=8, minute=50))
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[2], at=SLOT.replace(hour=8))
    assert [call_next(user=clerk, at=SLOT.replace(hour=8, minute=55 + i)) for i in range(3)] == [ticket, *walk_ins]
