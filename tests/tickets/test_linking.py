"""A dossier received while a clerk serves a ticket is linked to that ticket, and its page shows the wait."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from time_machine import travel

from motcua.agencies.models import Counter
from motcua.dossiers.services.receive import dossier_receive
from motcua.tickets.models import QueueService, ServiceKind, TicketChannel, TicketDossier
from motcua.tickets.services import call_next, shift_open, ticket_issue
from tests.dossiers.conftest import World, at

pytestmark = pytest.mark.django_db

T0 = at("02/12/2026 08:00")


def _serving(world: World, *, wait_minutes: int):
    counter = Counter.objects.create(receiving_point=world.office, number=1)
    service = QueueService.objects.create(point=world.office, kind=ServiceKind.SUBMIT, letter="A", name="Nộp hồ sơ")
    ticket = ticket_issue(point=world.office, service=service, channel=TicketChannel.KIOSK, at=T0)
    shift_open(user=world.clerk, counter=counter, at=T0)
    assert call_next(user=world.clerk, at=T0 + timedelta(minutes=wait_minutes)) == ticket
    return ticket


def test_a_reception_while_serving_links_the_ticket_and_the_page_shows_the_wait(client, world):
    ticket = _serving(world, wait_minutes=22)
    with travel(T0 + timedelta(minutes=30), tick=False):
        dossier = world.receive(received_at=T0 + timedelta(minutes=30))
    link = TicketDossier.objects.get(dossier=dossier)
    assert link.ticket == ticket and link.action == "receive"
    assert ticket.events.filter(kind="linked").count() == 1

    client.force_login(world.clerk)
    with travel(T0 + timedelta(minutes=40), tick=False):
        html = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert 'id="queue-wait"' in html
    assert "A001" in html and "22" in html


def test_no_ticket_being_served_no_link_and_no_panel(client, world):
    with travel(T0, tick=False):
        dossier = world.receive(received_at=T0)
    assert not TicketDossier.objects.exists()
    client.force_login(world.clerk)
    with travel(T0, tick=False):
        html = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert 'id="queue-wait"' not in html


def test_another_clerks_reception_is_not_linked_to_my_ticket(world):
    _serving(world, wait_minutes=5)
    with travel(T0 + timedelta(minutes=11), tick=False):
        other = dossier_receive(reception=world.reception(receiving_point=world.other_office), actor=world.other_clerk)
    assert not TicketDossier.objects.filter(dossier=other).exists()
