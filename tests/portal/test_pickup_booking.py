"""Booking a home pickup from the portal (and from the counter): quote, confirm, protections."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from motcua.core.text import fold
from motcua.localities.models import Commune, DivisionType
from motcua.portal.booking import BOOKING_MAX
from motcua.postal.models import OrderKind, OrderStatus, PostalOrder
from motcua.postal.tariffs import tariffs_load_demo
from motcua.procedures.models import ProcedureVersion
from motcua.procedures.services import procedure_version_publish
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.factories import ProcedureVersionFactory

pytestmark = [pytest.mark.django_db]
NOW = at("25/11/2026 08:00")  # a Wednesday


@pytest.fixture(autouse=True)
def _setup(world):
    tariffs_load_demo()
    # The world's commune is made by hand: fold its name as the map loader does, for the search.
    Commune.objects.filter(pk=world.commune.pk).update(search_name=fold(world.commune.name))
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


def url(world) -> str:
    return reverse("portal:pickup_booking", args=[world.version.procedure.national_code])


def typed(world, **overrides) -> dict[str, str]:
    data = {
        "contact_name": "Nguyễn Văn An",
        "contact_id_number": "042098001234",
        "contact_phone": "0912 345 678",
        "address": "12 Trần Phú",
        "commune_q": "thanh sen",  # no accents: the search ignores them
        "day": "2026-11-26",
        "start": "08",
        "end": "11",
        "website": "",
    }
    data.update(overrides)
    return data


def test_the_routes(world):
    code = world.version.procedure.national_code
    assert url(world) == f"/dat-lich-thu-gom/{code}/"
    assert reverse("portal:pickup_communes") == "/dat-lich-thu-gom/xa/"


def test_the_form_opens_without_signing_in(client, world):
    response = client.get(url(world))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'name="website"' in page  # the honeypot
    assert "Tờ khai" in page  # what to prepare


def test_checking_shows_the_postage_and_fees_and_books_nothing(client, world):
    client.cookies["django_language"] = "en"

    response = client.post(url(world), typed(world))

    page = response.content.decode()
    assert response.status_code == 200
    assert PostalOrder.objects.count() == 0
    assert 'name="confirm"' in page
    assert "50,000 VND" in page  # the procedure's fee
    assert world.office.name in page
    assert world.committee.name in page  # the agency whose name matches the competent agency
    assert 'value="Nguyễn Văn An"' in page and 'value="12 Trần Phú"' in page  # nothing typed lost
    assert f'value="{world.commune.code}" checked' in page


def test_confirming_books_and_shows_the_tracking_number_and_the_checklist(client, world):
    response = client.post(url(world), typed(world, confirm="1"))

    assert response.status_code == 302
    order = PostalOrder.objects.get()
    assert order.kind == OrderKind.PICKUP and order.status == OrderStatus.BOOKED
    assert order.contact_phone == "0912345678" and order.commune == world.commune
    assert order.receiving_point == world.office and order.lead_agency == world.committee
    assert order.window_start == at("26/11/2026 08:00") and order.window_end == at("26/11/2026 11:00")
    assert order.created_by is None and order.fees_to_collect == 50000
    assert not order.return_by_post  # the box was not ticked in this request
    done = client.get(response["Location"])
    page = done.content.decode()
    assert done.status_code == 200
    assert order.tracking_number in page
    assert "Tờ khai" in page
    assert f"?van-don={order.tracking_number}" in page


def test_asking_for_the_result_by_post_is_kept_on_the_order(client, world):
    client.post(url(world), typed(world, confirm="1", return_by_post="on"))
    assert PostalOrder.objects.get().return_by_post  # world.version offers the return by post


def test_the_confirmation_needs_the_signed_link(client, world):
    client.post(url(world), typed(world, confirm="1"))
    number = PostalOrder.objects.get().tracking_number
    booked = reverse("portal:pickup_booked", args=[world.version.procedure.national_code])

    assert client.get(f"{booked}?t={number}").status_code == 404


def test_errors_are_shown_beside_their_fields_and_nothing_is_lost(client, world):
    client.cookies["django_language"] = "en"
    data = typed(world, contact_id_number="12345", contact_phone="12", day="2026-11-28", confirm="1")

    response = client.post(url(world), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert PostalOrder.objects.count() == 0
    assert re.search(r'id_contact_id_number-error">A citizen ID number has 12 digits', page)
    assert re.search(r'id_contact_phone-error">Enter a Vietnamese phone number', page)
    assert re.search(r'id_day-error">Choose a working day', page)  # 28/11/2026 is a Saturday
    assert 'value="Nguyễn Văn An"' in page and 'value="12345"' in page


def test_a_day_in_the_past_is_refused(client, world):
    response = client.post(url(world), typed(world, day="2026-11-24", confirm="1"))

    assert 'id="id_day-error"' in response.content.decode()
    assert PostalOrder.objects.count() == 0


def test_a_window_that_ends_before_it_starts_is_refused(client, world):
    client.cookies["django_language"] = "en"
    response = client.post(url(world), typed(world, start="14", end="10", confirm="1"))

    assert re.search(r'id_end-error">The window must end after it starts', response.content.decode())
    assert PostalOrder.objects.count() == 0


def test_an_ambiguous_commune_offers_a_choice(client, world):
    Commune.objects.create(
        code="18074",
        name="Xã Thành Sen Hạ",
        search_name=fold("Xã Thành Sen Hạ"),
        division_type=DivisionType.COMMUNE,
        codename="tsh",
        province=world.province,
    )
    client.cookies["django_language"] = "en"

    response = client.post(url(world), typed(world, commune_q="Sen", confirm="1"))

    page = response.content.decode()
    assert "Several communes match" in page
    assert 'value="18073"' in page and 'value="18074"' in page
    assert PostalOrder.objects.count() == 0
    chosen = client.post(url(world), typed(world, commune_q="Sen", commune="18074", confirm="1"))
    assert chosen.status_code == 302
    assert PostalOrder.objects.get().commune_id == "18074"


def test_commune_suggestions_for_htmx(client, world):
    response = client.get(reverse("portal:pickup_communes"), {"commune_q": "THANH sen"})

    assert f'value="{world.commune.code}"' in response.content.decode()


def test_the_honeypot_books_nothing(client, world):
    response = client.post(url(world), typed(world, website="http://spam.example", confirm="1"))

    assert response.status_code == 400
    assert PostalOrder.objects.count() == 0


def test_bookings_are_throttled_per_client_address(client, world):
    for _ in range(BOOKING_MAX):
        assert client.post(url(world), typed(world, confirm="1")).status_code == 302

    response = client.post(url(world), typed(world, confirm="1"))

    assert response.status_code == 429
    assert PostalOrder.objects.count() == BOOKING_MAX
    assert 'value="Nguyễn Văn An"' in response.content.decode()  # what was typed is kept
    other = client.post(url(world), typed(world, confirm="1"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_csrf_is_enforced(world):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url(world), typed(world, confirm="1"))

    assert response.status_code == 403
    assert PostalOrder.objects.count() == 0


def test_a_clerk_books_in_their_name_at_their_point_unthrottled(client, world):
    client.force_login(world.other_clerk)
    for _ in range(BOOKING_MAX + 1):
        assert client.post(url(world), typed(world, confirm="1")).status_code == 302

    order = PostalOrder.objects.first()
    assert order is not None
    assert order.created_by == world.other_clerk and order.receiving_point == world.other_office


def _version(*, postal_pickup: bool) -> ProcedureVersion:
    version = ProcedureVersionFactory(postal_pickup=postal_pickup)
    procedure_version_publish(version=version)
    version.refresh_from_db()
    return version


def test_the_button_is_shown_only_when_postal_submission_is_allowed(client, world):
    allowed, refused = _version(postal_pickup=True), _version(postal_pickup=False)

    for version, shown in ((allowed, True), (refused, False)):
        page = client.get(reverse("portal:procedure", args=[version.procedure.national_code])).content.decode()
        booking = reverse("portal:pickup_booking", args=[version.procedure.national_code])
        assert (f'href="{booking}"' in page) is shown
    assert client.get(reverse("portal:pickup_booking", args=[refused.procedure.national_code])).status_code == 404


def test_the_counter_page_links_to_the_form(client, world):
    client.force_login(world.clerk)

    page = client.get(reverse("desk:counter_procedure", args=[world.version.procedure.national_code]))

    assert f'href="{url(world)}"' in page.content.decode()
