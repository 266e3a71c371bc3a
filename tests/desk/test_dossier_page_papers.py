"""The dossier page's slips: no receipt for a dossier refused at reception; after a supplement, the new
receipt with the current appointment is offered."""

from __future__ import annotations

import pytest
from django.urls import reverse
from time_machine import travel

from motcua.audit.models import AuditEvent
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import DossierEvent, SlipNumber
from motcua.dossiers.selectors import RECEIPT_REISSUED, dossier_new_receipt_due
from motcua.dossiers.services import transitions as t
from tests.desk.test_counter import sign_in
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import reach

pytestmark = pytest.mark.django_db


def _slip_href(code: str, kind: str) -> str:
    return reverse("desk:dossier_slip", args=[code, kind])


def test_a_refused_dossier_offers_slip_03_and_no_receipt(client, world):
    dossier = reach(world, Status.REFUSED)
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert _slip_href(dossier.code, "03") in page
    assert _slip_href(dossier.code, "01") not in page
    assert client.get(_slip_href(dossier.code, "01")).status_code == 404


def test_a_refused_dossier_shows_no_appointment_and_no_verdict(client, world):
    dossier = reach(world, Status.REFUSED)
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert dossier.appointment_at.astimezone(at("25/11/2026 09:00").tzinfo).strftime("%d/%m/%Y %H:%M") not in page
    assert dossier.completion == ""


def test_after_a_supplement_the_page_offers_the_new_receipt(client, world):
    dossier = world.receive(received_at=at("25/11/2026 09:00"))
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert "New receipt with the current appointment" not in page and "Giấy tiếp nhận mới" not in page
    with travel(at("26/11/2026 10:00"), tick=False):  # the pause takes working time: the appointment moves
        dossier = t.dossier_request_supplement(dossier=dossier, actor=world.clerk, items=["Ảnh"], reason="Thiếu ảnh")
    dossier = t.dossier_receive_supplement(dossier=dossier, actor=world.clerk, now=at("30/11/2026 10:00"))
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert 'class="slip-renewed"' in page and _slip_href(dossier.code, "01") in page
    response = client.get(_slip_href(dossier.code, "01"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def _page(client, code: str) -> str:
    return client.get(reverse("desk:dossier", args=[code])).content.decode()


def _supplement_page(client, code: str) -> str:
    return client.get(reverse("desk:counter_supplement_received", args=[code])).content.decode()


def test_the_new_receipt_is_offered_until_it_is_printed_and_recorded_once(client, world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive(received_at=at("25/11/2026 09:00"))
        sign_in(client, world.clerk)
        assert client.get(_slip_href(dossier.code, "01")).status_code == 200  # the first receipt: nothing owed
        assert not DossierEvent.objects.filter(dossier=dossier, action=RECEIPT_REISSUED).exists()
        clock.move_to(at("26/11/2026 10:00"))
        dossier = t.dossier_request_supplement(dossier=dossier, actor=world.clerk, items=["Ảnh"], reason="Thiếu ảnh")
        clock.move_to(at("30/11/2026 10:00"))
        dossier = t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
    sign_in(client, world.clerk)  # the session of 25/11 ended after a working day (docs/security.md)
    assert dossier_new_receipt_due(dossier=dossier)
    assert 'class="slip-renewed"' in _page(client, dossier.code)
    assert "data-new-receipt" in _supplement_page(client, dossier.code)

    for _print in range(2):  # printed, then printed again
        response = client.get(_slip_href(dossier.code, "01"))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reissued = DossierEvent.objects.get(dossier=dossier, action=RECEIPT_REISSUED)
    assert reissued.actor == world.clerk and reissued.to_status == reissued.from_status == dossier.status
    assert reissued.payload["number"] == "2/GTN"
    assert SlipNumber.objects.filter(dossier=dossier, form="01").count() == 2  # the first and the new one
    assert AuditEvent.objects.filter(action=f"dossier.{RECEIPT_REISSUED}", object_id=dossier.code).count() == 1
    assert not dossier_new_receipt_due(dossier=dossier)
    page = _page(client, dossier.code)
    assert 'class="slip-renewed"' not in page and _slip_href(dossier.code, "01") in page  # a plain reprint now
    assert "data-new-receipt" not in _supplement_page(client, dossier.code)


def test_a_supplement_that_moves_nothing_on_the_receipt_offers_no_new_receipt(client, world):
    with travel(at("25/11/2026 09:00"), tick=False) as clock:
        dossier = world.receive(received_at=at("25/11/2026 09:00"))
        appointment = dossier.appointment_at
        clock.move_to(at("27/11/2026 17:20"))  # after closing: the pause takes no working time
        dossier = t.dossier_request_supplement(dossier=dossier, actor=world.clerk, items=["Ảnh"], reason="Thiếu ảnh")
        clock.move_to(at("27/11/2026 17:21"))
        dossier = t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
    assert dossier.appointment_at == appointment
    sign_in(client, world.clerk)
    page = _page(client, dossier.code)
    assert 'class="slip-renewed"' not in page and _slip_href(dossier.code, "01") in page
    assert "data-new-receipt" not in _supplement_page(client, dossier.code)
    assert client.get(_slip_href(dossier.code, "01")).status_code == 200
    assert not DossierEvent.objects.filter(dossier=dossier, action=RECEIPT_REISSUED).exists()
    assert SlipNumber.objects.filter(dossier=dossier, form="01").count() == 1  # the same receipt, reprinted
