"""The public dossier lookup: code and secret from the receipt, no personal data, no enumeration."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.slips.context import public_lookup_url
from motcua.portal.lookup import LOOKUP_MAX_FAILURES
from tests.dossiers import conftest as dossier_world
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import reach

URL = "/tra-cuu/"
world = dossier_world.world  # the dossier tests' small world, as a fixture here


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def answer(response) -> str:
    """The page's answer section, without what differs between two renders (the CSRF token)."""
    match = re.search(r'<section class="lookup__answer".*?</section>', response.content.decode(), re.S)
    assert match is not None
    return match.group(0)


def test_the_route(db):
    assert reverse("portal:lookup") == URL


def test_the_qr_code_opens_the_answer_without_signing_in(client, world):
    dossier = world.receive(received_at=at("25/11/2026 09:00"))
    parts = urlsplit(public_lookup_url(dossier))

    response = client.get(f"{parts.path}?{parts.query}")

    page = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert dossier.code in page and world.version.name in page
    assert "25/11/2026 09:00" in page  # received
    assert dossier.appointment_at.astimezone(at("25/11/2026 09:00").tzinfo).strftime("%d/%m/%Y %H:%M") in page
    assert f'value="{dossier.code}"' in page and f'value="{dossier.lookup_secret}"' in page  # prefilled
    for personal in (dossier.applicant_name, dossier.applicant_id_number, dossier.applicant_address, "0912345678"):
        assert personal not in page, personal


def test_says_whether_the_result_is_ready(client, world):
    client.cookies["django_language"] = "en"
    waiting = world.receive()
    ready = reach(world, Status.RESULT_AT_COUNTER)
    not_yet = client.get(URL, {"ma": waiting.code, "k": waiting.lookup_secret})
    done = client.get(URL, {"ma": ready.code, "k": ready.lookup_secret})
    assert "Not yet" in answer(not_yet) and "The result is ready" in answer(done)


def test_code_and_secret_are_read_whatever_the_case_and_spaces(client, world):
    dossier = world.receive()
    response = client.get(URL, {"ma": f"  {dossier.code.lower()} ", "k": dossier.lookup_secret.lower()})
    assert world.version.name in answer(response)


def test_a_wrong_secret_and_an_unknown_code_answer_alike(client, world):
    dossier = world.receive()
    wrong_secret = client.get(URL, {"ma": dossier.code, "k": "00000000"})
    unknown_code = client.get(URL, {"ma": "H30.X01-991231-9999", "k": "00000000"})
    assert wrong_secret.status_code == unknown_code.status_code == 200
    assert answer(wrong_secret) == answer(unknown_code)
    assert dossier.code not in answer(wrong_secret)
    assert world.version.name not in wrong_secret.content.decode()


def test_missing_fields_are_errors_beside_them_and_not_attempts(client, world):
    dossier = world.receive()
    for _ in range(LOOKUP_MAX_FAILURES + 2):
        page = client.get(URL, {"ma": dossier.code, "k": ""}).content.decode()
    assert 'id="id_k-error"' in page
    assert world.version.name in answer(client.get(URL, {"ma": dossier.code, "k": dossier.lookup_secret}))


def test_wrong_attempts_are_throttled_per_client_address(client, world):
    dossier = world.receive()
    for n in range(LOOKUP_MAX_FAILURES):
        client.get(URL, {"ma": f"H30.X01-261125-{n:04d}", "k": "ABCDEF12"}, REMOTE_ADDR="10.0.0.7")

    blocked = client.get(URL, {"ma": dossier.code, "k": dossier.lookup_secret}, REMOTE_ADDR="10.0.0.7")
    assert blocked.status_code == 429
    assert world.version.name not in blocked.content.decode()  # not even a right pair, so nothing is learnt

    elsewhere = client.get(URL, {"ma": dossier.code, "k": dossier.lookup_secret}, REMOTE_ADDR="10.0.0.8")
    assert elsewhere.status_code == 200 and world.version.name in answer(elsewhere)


def test_an_empty_page_asks_for_the_code(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="ma"' in response.content.decode() and 'name="k"' in response.content.decode()
    assert "form-field--error" not in response.content.decode()
