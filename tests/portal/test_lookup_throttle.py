"""The public lookup against guessing: counts per code as well as per address, the real client behind a trusted
proxy only, secrets too long to guess, and more than four phone digits for a parcel."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import math
import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from motcua.core.client_address import client_address
from motcua.dossiers.lookup_secrets import LOOKUP_SECRET_ALPHABET
from motcua.dossiers.models import Dossier
from motcua.portal.lookup import LOOKUP_MAX_FAILURES, PHONE_DIGITS
from motcua.postal.models import OrderKind, OrderStatus, Payer, PostalOrder
from tests.dossiers.conftest import world  # noqa: F401 - the shared fixture

pytestmark = [pytest.mark.django_db]
URL = "/tra-cuu/"
PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def answer(response) -> str:
    match = re.search(r'<section class="lookup__answer".*?</section>', response.content.decode(), re.S)
    assert match is not None
    return match.group(0)


def opens(response, dossier: Dossier) -> bool:
    return response.status_code == 200 and dossier.code in answer(response)


def parcel(world) -> PostalOrder:
    dossier = world.receive()
    return PostalOrder.objects.create(
        kind=OrderKind.DELIVERY,
        status=OrderStatus.OUT_FOR_DELIVERY,
        tracking_number="KQ123456785VN",
        dossier=dossier,
        receiving_point=world.office,
        contact_name="Nguyễn Văn An",
        contact_phone="0987 654 321",
        address="12 Trần Phú",
        commune=world.commune,
        postage_payer=Payer.APPLICANT,
    )


# -- per code as well as per address ---------------------------------------------------------------------


def test_guesses_at_one_code_spread_over_many_addresses_stop_the_lookup_of_that_code(client, world):
    """GIVEN wrong secrets for one dossier code, each from a different address
    WHEN the right secret comes from yet another address
    THEN the code is not answered (429, nothing learnt), while another dossier still is."""
    target, other = world.receive(), world.receive()
    for n in range(LOOKUP_MAX_FAILURES):
        client.get(URL, {"ma": target.code, "k": f"WRONG{n:04d}"}, REMOTE_ADDR=f"198.51.100.{n + 1}")

    blocked = client.get(URL, {"ma": target.code, "k": target.lookup_secret}, REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429
    assert world.version.name not in blocked.content.decode()

    assert opens(client.get(URL, {"ma": other.code, "k": other.lookup_secret}, REMOTE_ADDR="203.0.113.9"), other)


def test_the_code_is_counted_whatever_its_case_and_spaces(client, world):
    target = world.receive()
    for n in range(LOOKUP_MAX_FAILURES):
        typed = f" {target.code.lower()} " if n % 2 else target.code
        client.get(URL, {"ma": typed, "k": "WRONGWRONG"}, REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert client.get(URL, {"ma": target.code, "k": target.lookup_secret}).status_code == 429


def test_guesses_at_one_tracking_number_from_many_addresses_stop_its_tracking(client, world):
    order = parcel(world)
    for n in range(LOOKUP_MAX_FAILURES):
        client.get(URL, {"van-don": order.tracking_number, "sdt": f"{n:06d}"}, REMOTE_ADDR=f"198.51.100.{n + 1}")

    right = client.get(URL, {"van-don": order.tracking_number, "sdt": "654321"}, REMOTE_ADDR="203.0.113.9")
    assert right.status_code == 429
    assert "KQ123456785VN" not in answer(right)


# -- the client's address behind a proxy -----------------------------------------------------------------


def test_without_trusted_proxies_a_forwarded_header_changes_nothing(client, world, settings):
    """Off by default: a client cannot escape its count by writing a new X-Forwarded-For each time."""
    settings.TRUSTED_PROXIES = []
    dossier = world.receive()
    for n in range(LOOKUP_MAX_FAILURES):
        client.get(
            URL,
            {"ma": f"H30.X01-261125-{n:04d}", "k": "WRONGWRONG"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}",
        )
    again = client.get(
        URL, {"ma": dossier.code, "k": dossier.lookup_secret}, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.1.1.1"
    )
    assert again.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_count(client, world, settings):
    """GIVEN the site behind a trusted proxy, every request coming from the proxy's address
    WHEN one client reaches the limit
    THEN that client is stopped and another client behind the same proxy is not."""
    settings.TRUSTED_PROXIES = [PROXY]
    dossier = world.receive()
    for n in range(LOOKUP_MAX_FAILURES):
        client.get(
            URL,
            {"ma": f"H30.X01-261125-{n:04d}", "k": "WRONGWRONG"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    right_pair = {"ma": dossier.code, "k": dossier.lookup_secret}
    assert client.get(URL, right_pair, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert opens(client.get(URL, right_pair, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.6"), dossier)


def test_an_address_the_client_writes_before_the_proxys_is_not_believed(client, world, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    dossier = world.receive()
    for n in range(LOOKUP_MAX_FAILURES):
        client.get(
            URL,
            {"ma": f"H30.X01-261125-{n:04d}", "k": "WRONGWRONG"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}, 203.0.113.5",  # the proxy appends the real one
        )
    again = client.get(
        URL, {"ma": dossier.code, "k": dossier.lookup_secret}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert again.status_code == 429


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "header", "expected"),
    [
        ("203.0.113.5", "198.51.100.1", [], "X-Forwarded-For", "203.0.113.5"),  # off by default
        ("203.0.113.5", "198.51.100.1", [PROXY], "X-Forwarded-For", "203.0.113.5"),  # not from our proxy
        (PROXY, "198.51.100.1", [PROXY], "X-Forwarded-For", "198.51.100.1"),
        ("10.0.0.2", "198.51.100.1, 10.0.0.3", ["10.0.0.0/24"], "X-Forwarded-For", "198.51.100.1"),  # two hops
        (PROXY, "[2001:db8::7]:443", [PROXY], "X-Forwarded-For", "2001:db8::7"),
        (PROXY, "198.51.100.1:51234", [PROXY], "X-Forwarded-For", "198.51.100.1"),
        (PROXY, "not-an-address", [PROXY], "X-Forwarded-For", PROXY),  # garbage: the proxy's own
        (PROXY, "", [PROXY], "X-Forwarded-For", PROXY),
        (PROXY, "198.51.100.1", [PROXY], "X-Real-IP", "198.51.100.1"),
    ],
)
def test_client_address(settings, peer, forwarded, proxies, header, expected):
    settings.TRUSTED_PROXIES = proxies
    settings.CLIENT_ADDRESS_HEADER = header
    meta_key = "HTTP_" + header.upper().replace("-", "_")
    request = RequestFactory().get("/", REMOTE_ADDR=peer, **{meta_key: forwarded})
    assert client_address(request) == expected


# -- the secret ------------------------------------------------------------------------------------------


def test_a_new_secret_carries_at_least_50_bits_in_an_unambiguous_alphabet(world):
    secrets_issued = {world.receive().lookup_secret for _ in range(5)}

    assert len(secrets_issued) == 5
    assert not set("0O1IL") & set(LOOKUP_SECRET_ALPHABET)
    for secret in secrets_issued:
        assert set(secret) <= set(LOOKUP_SECRET_ALPHABET), secret
        assert len(secret) * math.log2(len(LOOKUP_SECRET_ALPHABET)) >= 50, secret


def test_a_secret_printed_before_still_opens_the_lookup(client, world):
    dossier = world.receive()
    Dossier.objects.filter(pk=dossier.pk).update(lookup_secret="0A1B2C3D")  # 8 hex digits, as printed until now
    assert opens(client.get(URL, {"ma": dossier.code, "k": "0a1b2c3d"}), dossier)


def test_a_secret_may_be_typed_in_groups(client, world):
    dossier = world.receive()
    secret = dossier.lookup_secret
    grouped = f"{secret[:4]}-{secret[4:8]} {secret[8:]}".lower()
    assert opens(client.get(URL, {"ma": dossier.code, "k": grouped}), dossier)


# -- the phone digits of a parcel ------------------------------------------------------------------------


def test_four_phone_digits_no_longer_open_a_parcel(client, world):
    client.cookies["django_language"] = "en"
    order = parcel(world)
    assert PHONE_DIGITS == 6

    four = client.get(URL, {"van-don": order.tracking_number, "sdt": "4321"})
    six = client.get(URL, {"van-don": order.tracking_number, "sdt": "654321"})

    assert 'id="id_sdt-error"' in four.content.decode()
    assert order.tracking_number not in answer(four)
    assert six.status_code == 200 and "KQ123456785VN" in answer(six)
    assert "Out for delivery to your address" in answer(six)
