"""Returning a result at the counter: who collected it, identity checked, a stale page refused."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services.act import dossier_last_seq
from motcua.dossiers.services.transitions import dossier_return_result
from tests.desk.test_counter import sign_in
from tests.dossiers.transitions_support import applicant_collects, reach

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(world):
    """A dossier whose result waits at the counter."""
    return reach(world, Status.RESULT_AT_COUNTER)


def return_data(dossier, **overrides) -> dict:
    data = {
        "expected_seq": dossier_last_seq(dossier=dossier),
        "collector_name": "Nguyễn Văn An",
        "collector_id_number": "042098001234",
        "identity_checked": "on",
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_results_waiting_at_my_points(client, world, ready):
    not_ready = world.receive()
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:counter_returns")).content.decode()
    assert ready.code in page and not_ready.code not in page
    assert reverse("desk:counter_return", args=[ready.code]) in page
    sign_in(client, world.other_clerk)
    assert ready.code not in client.get(reverse("desk:counter_returns")).content.decode()


def test_a_search_finding_one_result_opens_its_form(client, world, ready):
    sign_in(client, world.clerk)
    url = reverse("desk:counter_returns")
    target = reverse("desk:counter_return", args=[ready.code])
    assert client.get(url, {"q": ready.code.lower()})["Location"] == target
    assert client.get(url, {"q": "042 098 001 234"})["Location"] == target
    nothing = client.get(url, {"q": "042000000000"})
    assert nothing.status_code == 200 and ready.code not in nothing.content.decode()


def test_returning_records_the_collector_and_the_identity_check(client, world, ready):
    sign_in(client, world.clerk)
    url = reverse("desk:counter_return", args=[ready.code])
    page = client.get(url).content.decode()
    assert f'name="expected_seq" value="{dossier_last_seq(dossier=ready)}"' in page
    assert "data-fill" in page  # "the applicant collects it"

    response = client.post(url, return_data(ready, note="Nhận bản chính"))

    assert response["Location"] == reverse("desk:counter_returns")
    ready.refresh_from_db()
    assert ready.status == Status.RETURNED and ready.returned_at is not None
    event = DossierEvent.objects.filter(dossier=ready, action=Action.RETURN_RESULT).get()
    assert event.actor == world.clerk and event.note == "Nhận bản chính"
    assert event.payload == {
        "collector_name": "Nguyễn Văn An",
        "collector_id_number": "042098001234",
        "identity_checked": True,
    }
    done = client.get(url).content.decode()
    assert "042098001234" in done and '<form method="post" class="panel"' not in done


def test_the_identity_check_is_required(client, world, ready):
    sign_in(client, world.clerk, language="en")
    page = client.post(
        reverse("desk:counter_return", args=[ready.code]), return_data(ready, identity_checked=None)
    ).content.decode()
    assert re.search(r'id="id_identity_checked_error"><li>Check the identity paper of who takes the result.', page)
    assert 'value="Nguyễn Văn An"' in page
    ready.refresh_from_db()
    assert ready.status == Status.RESULT_AT_COUNTER


def test_an_invalid_collector_id_is_an_error_beside_it(client, world, ready):
    sign_in(client, world.clerk, language="en")
    page = client.post(
        reverse("desk:counter_return", args=[ready.code]), return_data(ready, collector_id_number="123")
    ).content.decode()
    assert re.search(r'id="id_collector_id_number_error"><li>“123” is not a 12-digit citizen ID', page)


def test_a_stale_page_says_the_dossier_changed_and_keeps_what_was_typed(client, world, ready):
    sign_in(client, world.clerk, language="en")
    url = reverse("desk:counter_return", args=[ready.code])
    typed = return_data(ready, collector_name="Lê Thị Hoa", note="Con gái nhận thay")
    dossier_return_result(
        dossier=ready, actor=world.clerk, **applicant_collects(ready)
    )  # returned meanwhile, from another tab

    page = client.post(url, typed).content.decode()

    assert f"Dossier {ready.code} has changed since this page was opened" in page
    assert 'value="Lê Thị Hoa"' in page and "Con gái nhận thay" in page
    assert DossierEvent.objects.filter(dossier=ready, action=Action.RETURN_RESULT).count() == 1


def test_the_result_document_is_served_in_scope(client, world, ready):
    ready.result_file.save("giay-khai-sinh.pdf", ContentFile(b"%PDF-1.4 result"))
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:counter_return", args=[ready.code])).content.decode()
    file_url = reverse("desk:dossier_result", args=[ready.code])
    assert file_url in page
    response = client.get(file_url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 result"
    sign_in(client, world.other_clerk)
    assert client.get(file_url).status_code == 404
    assert client.get(reverse("desk:counter_return", args=[ready.code])).status_code == 404


def test_no_document_no_link(client, world, ready):
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:counter_return", args=[ready.code])).content.decode()
    assert reverse("desk:dossier_result", args=[ready.code]) not in page
    assert reverse("desk:dossier", args=[ready.code]) in page
