# ruff: noqa: F811 - the dossiers' world fixture is imported and requested by name
"""The queue under many hands at once, on the real PostgreSQL (issue 13, item 8; docs/queue.md, "Concurrency").

Threads start together at a barrier, each with its own connection (closed at the end), and press the real
services: clerks calling next at the same instant never get the same ticket, kiosks never draw the same number,
a reception while serving links to exactly the ticket served, and the kiosk issues while a display holds a
transaction open.
"""

from __future__ import annotations

import threading
from collections import Counter as Tally
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from motcua.agencies.models import Counter, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.dossiers.services.receive import dossier_receive
from motcua.tickets.models import (
    DeviceKind,
    QueueDevice,
    Ticket,
    TicketChannel,
    TicketDossier,
    TicketEvent,
    TicketEventKind,
    TicketStatus,
)
from motcua.tickets.services import call_next, shift_open, ticket_issue
from tests.concurrency import failures, run_together
from tests.dossiers.conftest import world  # noqa: F401 - fixture
from tests.factories import UserFactory
from tests.tickets.conftest import centre_build

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLERKS = 8


def eight_clerks_at_eight_counters(centre) -> list:
    """The centre's three clerks and five more; counters 5–8 pooled; every clerk's counter open."""
    clerks = list(centre.clerks)
    for n in range(len(clerks), CLERKS):
        user = UserFactory(username=f"race-clerk{n}")
        Assignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=centre.point)
        clerks.append(user)
    for number in range(5, CLERKS + 1):
        Counter.objects.create(receiving_point=centre.point, number=number, name=f"Quầy {number}")
    # every counter pooled, so that all eight compete for every ticket
    for counter in Counter.objects.filter(receiving_point=centre.point):
        counter.fields.clear()
    counters = Counter.objects.filter(receiving_point=centre.point).order_by("number")
    for clerk, counter in zip(clerks, counters, strict=True):
        shift_open(user=clerk, counter=counter)
    return clerks


def issue(centre, letter: str = "A") -> Ticket:
    service = centre.services[letter]
    return ticket_issue(point=centre.point, service=service, channel=TicketChannel.KIOSK, device=centre.kiosk)


def calls_until_empty(clerk) -> Callable[[], list[int]]:
    def work() -> list[int]:
        got = []
        while (ticket := call_next(user=clerk)) is not None:
            got.append(ticket.pk)
        return got

    return work


def test_eight_clerks_calling_next_at_once_never_share_a_ticket_and_lose_none():
    """GIVEN 200 waiting tickets and eight clerks at eight open counters
    WHEN they all press "call next" at the same instant, again and again until nobody waits
    THEN each ticket was called exactly once, by one counter, and none is left waiting."""
    centre = centre_build()
    clerks = eight_clerks_at_eight_counters(centre)
    tickets = [issue(centre, "ABCD"[i % 4]) for i in range(200)]

    results = run_together(*[calls_until_empty(clerk) for clerk in clerks])
    errors = failures(results)

    assert errors == []
    called = [pk for got in results for pk in got]  # type: ignore[union-attr]
    assert len(called) == 200 and set(called) == {t.pk for t in tickets}
    assert sum(1 for got in results if got) >= 2  # the clerks really competed  # type: ignore[misc]
    calls = Tally(TicketEvent.objects.filter(kind=TicketEventKind.CALLED).values_list("ticket_id", flat=True))
    assert set(calls.values()) == {1}
    assert not Ticket.objects.filter(status=TicketStatus.WAITING).exists()
    assert Ticket.objects.filter(calls=1).count() == 200


def test_eight_kiosks_issuing_at_once_number_without_gap_or_repeat():
    """GIVEN eight kiosks at one centre
    WHEN each issues 25 tickets, all starting at the same instant
    THEN the day's sequences are exactly 1..200 and the labels are unique."""
    centre = centre_build()
    kiosks = [centre.kiosk] + [
        QueueDevice.objects.create(point=centre.point, kind=DeviceKind.KIOSK, name=f"Kiosk {n}") for n in range(2, 9)
    ]

    def kiosk_work(kiosk: QueueDevice, letter: str) -> Callable[[], list[int]]:
        def work() -> list[int]:
            service = centre.services[letter]
            return [
                ticket_issue(point=centre.point, service=service, channel="kiosk", device=kiosk).sequence
                for _ in range(25)
            ]

        return work

    results = run_together(*[kiosk_work(k, "ABCD"[i % 4]) for i, k in enumerate(kiosks)])
    errors = failures(results)

    assert errors == []
    sequences = sorted(s for got in results for s in got)  # type: ignore[union-attr]
    assert sequences == list(range(1, 201))
    assert sorted(Ticket.objects.values_list("sequence", flat=True)) == list(range(1, 201))
    assert Ticket.objects.values("label").distinct().count() == 200
    for got in results:
        assert got == sorted(got)  # type: ignore[type-var]  # each kiosk's own numbers only grow


def test_mixed_kiosks_clerks_and_receptions_link_each_dossier_to_the_ticket_served(world):
    """GIVEN a centre where clerks call tickets and receive their visitors' dossiers, while kiosks keep issuing
    WHEN four kiosks issue and eight clerks call-and-receive, all at once
    THEN every reception is linked to exactly the ticket its clerk was serving, and numbering stays gap-free."""
    centre = centre_build()
    centre.point.serves.set([world.committee])
    clerks = eight_clerks_at_eight_counters(centre)
    for _ in range(16):
        issue(centre)

    def kiosk_work() -> int:
        for _ in range(10):
            issue(centre, "C")
        return 10

    def clerk_work(clerk) -> Callable[[], list[tuple[int, int]]]:
        def work() -> list[tuple[int, int]]:
            served = []
            for _ in range(6):
                ticket = call_next(user=clerk)
                if ticket is None:
                    continue
                dossier = dossier_receive(reception=world.reception(receiving_point=centre.point), actor=clerk)
                served.append((ticket.pk, dossier.pk))
            return served

        return work

    workers: list[Callable[[], object]] = [kiosk_work for _ in range(4)]
    workers += [clerk_work(clerk) for clerk in clerks]
    results = run_together(*workers)
    errors = failures(results)

    assert errors == []
    pairs = {pair for got in results[4:] for pair in got}  # type: ignore[union-attr]
    assert len(pairs) >= CLERKS  # every clerk served at least one visitor (16 were waiting before the rush)
    links = set(TicketDossier.objects.filter(action="receive").values_list("ticket_id", "dossier_id"))
    assert links == pairs
    assert Tally(dossier for _ticket, dossier in links).most_common(1)[0][1] == 1
    assert sorted(Ticket.objects.values_list("sequence", flat=True)) == list(range(1, 16 + 40 + 1))


def test_kiosk_keeps_issuing_while_a_display_holds_its_read_open_and_with_no_display_at_all():
    """GIVEN a display that opened a transaction to read the calls and does not finish it (a hung TV)
    WHEN the kiosk issues tickets meanwhile
    THEN every ticket is issued while the display's transaction is still open; with every display switched off,
    issuing works the same: the kiosk needs nothing from the displays."""
    centre = centre_build()
    issued = threading.Event()
    display_saw: list[int] = []

    def hung_display() -> bool:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            display_saw.append(TicketEvent.objects.filter(point=centre.point, kind=TicketEventKind.CALLED).count())
            list(Ticket.objects.filter(point=centre.point, status=TicketStatus.WAITING))
            # holds the snapshot (and its locks, if it had any) until the kiosk has finished, or gives up
            return issued.wait(timeout=60)

    def kiosk() -> int:
        done = [issue(centre, "ABCD"[i % 4]).sequence for i in range(20)]
        issued.set()
        return len(done)

    results = run_together(*[hung_display, kiosk])
    errors = failures(results)

    assert errors == []
    assert results == [True, 20]  # the display was still inside its transaction when the kiosk finished
    QueueDevice.objects.filter(kind=DeviceKind.DISPLAY).update(is_active=False)
    assert issue(centre).sequence == 21
    assert Ticket.objects.filter(point=centre.point).count() == 21
