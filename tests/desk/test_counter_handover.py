"""Hand-over at the counter: batches per lead agency, one hand-over per submission, its list as PDF."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import DossierEvent, HandOver
from motcua.dossiers.services.handover import dossier_handover
from motcua.dossiers.services.receive import dossier_receive
from tests.desk.test_counter import pdf_text, sign_in

pytestmark = pytest.mark.django_db
URL = "/quay/ban-giao/"


def test_waiting_dossiers_are_grouped_by_lead_agency_and_ticked(client, world):
    for_committee = [world.receive(), world.receive()]
    for_police = world.receive(lead_agency=world.police)
    elsewhere = dossier_receive(reception=world.reception(receiving_point=world.other_office), actor=world.other_clerk)
    sign_in(client, world.clerk)

    page = client.get(reverse("desk:counter_handover")).content.decode()

    forms = re.findall(r'<form method="post" class="panel handover-batch".*?</form>', page, re.S)
    assert len(forms) == 2
    committee = next(f for f in forms if world.committee.name in f)
    for dossier in for_committee:
        assert re.search(rf'name="dossiers" value="{dossier.pk}" id="d-{dossier.pk}"\s+checked', committee)
    assert for_police.code not in committee
    assert elsewhere.code not in page
    assert reverse("desk:counter_handover") == URL


def test_handing_over_a_batch_shows_its_list(client, world):
    dossiers = [world.receive(), world.receive()]
    sign_in(client, world.clerk)
    data = {
        "point": world.office.pk,
        "agency": world.committee.pk,
        "dossiers": [d.pk for d in dossiers],
        "note": "Túi 1",
    }

    response = client.post(URL, data)

    handover = HandOver.objects.get()
    assert response["Location"] == reverse("desk:counter_handover_detail", args=[handover.number])
    assert handover.note == "Túi 1" and handover.dossiers.count() == 2
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.status == Status.IN_PROCESS
    detail = client.get(response["Location"]).content.decode()
    assert handover.number in detail and all(d.code in detail for d in dossiers)
    assert reverse("desk:counter_handover_pdf", args=[handover.number]) in detail
    listed = client.get(URL).content.decode()
    assert handover.number in listed  # among the earlier hand-overs
    assert "handover-batch" not in listed  # nothing waits any more


def test_a_double_submit_makes_one_handover(client, world):
    dossiers = [world.receive(), world.receive()]
    sign_in(client, world.clerk)
    data = {"point": world.office.pk, "agency": world.committee.pk, "dossiers": [d.pk for d in dossiers]}
    first, second = client.post(URL, data), client.post(URL, data)
    assert first["Location"] == second["Location"]
    assert HandOver.objects.count() == 1
    assert DossierEvent.objects.filter(action="transfer").count() == 2


def test_unticking_every_dossier_is_an_error_beside_the_list(client, world):
    world.receive()
    sign_in(client, world.clerk, language="en")
    page = client.post(URL, {"point": world.office.pk, "agency": world.committee.pk, "note": "x"}).content.decode()
    assert "Tick at least one dossier to hand over." in page
    assert 'value="x"' in page  # the note typed stays
    assert HandOver.objects.count() == 0


def test_dossiers_of_another_point_cannot_be_posted(client, world):
    elsewhere = dossier_receive(reception=world.reception(receiving_point=world.other_office), actor=world.other_clerk)
    sign_in(client, world.clerk, language="en")
    page = client.post(
        URL, {"point": world.other_office.pk, "agency": world.committee.pk, "dossiers": [elsewhere.pk]}
    ).content.decode()
    assert "Select a valid choice" in page
    client.post(URL, {"point": world.office.pk, "agency": world.committee.pk, "dossiers": [elsewhere.pk]})
    elsewhere.refresh_from_db()
    assert elsewhere.status == Status.RECEIVED and HandOver.objects.count() == 0


def test_handover_list_pdf_and_scope(client, world):
    dossier = world.receive()
    handover = dossier_handover(point=world.office, agency=world.committee, dossiers=[dossier], actor=world.clerk)
    sign_in(client, world.clerk)
    response = client.get(reverse("desk:counter_handover_pdf", args=[handover.number]))
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    text = pdf_text(response)
    assert "BIÊN BẢN BÀN GIAO HỒ SƠ" in text and handover.number in text and dossier.code in text

    sign_in(client, world.other_clerk)
    assert client.get(reverse("desk:counter_handover_detail", args=[handover.number])).status_code == 404
    assert client.get(reverse("desk:counter_handover_pdf", args=[handover.number])).status_code == 404
    assert handover.number not in client.get(URL).content.decode()
