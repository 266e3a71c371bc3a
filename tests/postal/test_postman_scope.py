"""A postman sees only the dossiers of the orders assigned to him while they are open: the desk pages, the scans and
slips, the API, and no document search (docs/domain.md, "The postman sees his orders only")."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from motcua.api.services import api_token_create
from motcua.dossiers.permissions import may_search
from motcua.dossiers.selectors import dossier_list_for_user
from motcua.postal.services.delivery import delivery_apply
from motcua.postal.services.pickup import pickup_assign, pickup_hand_over
from motcua.postal.tariffs import tariffs_load_demo
from tests.api.support import bearer
from tests.desk.test_counter import sign_in
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.postal.signing import SEAL
from tests.postal.test_delivery import order_for
from tests.postal.test_pickup import book
from tests.postal.test_pickup_steps import collect

pytestmark = pytest.mark.django_db
NOW = at("25/11/2026 08:00")


@pytest.fixture(autouse=True)
def clock(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tariffs_load_demo()
    with time_machine.travel(NOW, tick=False):
        yield


def pages(code: str) -> list[str]:
    return [
        reverse("desk:dossier", args=[code]),
        reverse("desk:dossier_slip", args=[code, "01"]),
    ]


def api_get(client, user, code: str):
    _, token = api_token_create(user=user, name="tests")
    return client.get(f"/api/v1/dossiers/{code}", headers=bearer(token))


def test_a_postman_cannot_open_a_dossier_of_his_post_office_he_does_not_carry(client, world):
    dossier = world.receive(received_at=NOW)
    assert not dossier_list_for_user(user=world.postman).exists()
    sign_in(client, world.postman)
    for url in pages(dossier.code):
        assert client.get(url).status_code == 404, url
    unknown = client.get(reverse("desk:dossier", args=["000.00.00.H00-261125-9999"]))
    assert unknown.status_code == 404
    assert api_get(client, world.postman, dossier.code).status_code == 404
    # The clerk of the same post office still sees it.
    assert dossier_list_for_user(user=world.clerk).filter(pk=dossier.pk).exists()


def test_a_postman_opens_the_dossier_he_delivers_and_loses_it_once_delivered(client, world):
    order = order_for(world)
    code = order.dossier.code
    assert list(dossier_list_for_user(user=world.postman)) == [order.dossier]
    sign_in(client, world.postman)
    assert client.get(reverse("desk:dossier", args=[code])).status_code == 200
    assert api_get(client, world.postman, code).status_code == 200
    delivery_apply(order=order, kind="out_for_delivery", at=NOW)
    details = {"recipient_name": "Nguyễn Văn An", "recipient_id_number": order.contact_id_number}
    delivery_apply(order=order, kind="delivered", at=NOW, details={**details, "identity_checked": True})
    for url in pages(code):
        assert client.get(url).status_code == 404, url
    assert api_get(client, world.postman, code).status_code == 404
    assert client.get(reverse("desk:postman_report", args=[order.tracking_number, "da-giao"])).status_code == 404


def test_another_postman_of_the_same_office_does_not_see_the_delivery(client, world):
    from tests.desk.test_postal_pages import another_postman

    order = order_for(world)
    other = another_postman(world)
    sign_in(client, other)
    assert client.get(reverse("desk:dossier", args=[order.dossier.code])).status_code == 404
    assert not dossier_list_for_user(user=other).exists()


def test_a_pickup_dossier_stays_open_to_its_postman_until_slip_01_is_given(client, world):
    order = collect(world, pickup_assign(order=book(world), postman=world.postman, actor=world.clerk))
    dossier = pickup_hand_over(order=order, actor=world.clerk, seal_number=SEAL, papers_checked=True)
    sign_in(client, world.postman)
    home = client.get(reverse("desk:postman")).content.decode()
    assert reverse("desk:dossier_slip", args=[dossier.code, "01"]) in home
    slip = client.get(reverse("desk:dossier_slip", args=[dossier.code, "01"]))
    assert slip.status_code == 200 and slip.content.startswith(b"%PDF")
    given = client.post(reverse("desk:postman_slip_given", args=[order.tracking_number]))
    assert given.status_code == 302
    order.refresh_from_db()
    assert order.slip_given_at is not None
    assert client.get(reverse("desk:dossier_slip", args=[dossier.code, "01"])).status_code == 404
    assert (
        reverse("desk:dossier_slip", args=[dossier.code, "01"])
        not in client.get(reverse("desk:postman")).content.decode()
    )


def test_a_postman_may_not_search_documents(client, world):
    assert not may_search(user=world.postman) and may_search(user=world.clerk)
    sign_in(client, world.postman)
    assert client.get(reverse("desk:documents")).status_code == 403
    assert reverse("desk:documents") not in client.get(reverse("desk:postman")).content.decode()
    _, token = api_token_create(user=world.postman, name="tests")
    found = client.get("/api/v1/documents", {"q": "giấy"}, headers=bearer(token))
    assert found.status_code == 200 and found.json()["count"] == 0
