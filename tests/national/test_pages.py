"""The staff pages of the exchange: who may open them, what they show, the Retry button, and bad input that never
gives a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.lifecycle import Action
from motcua.dossiers.outbox import outbox_dispatch
from motcua.national.models import Delivery, DeliveryStatus, IncomingFiling
from motcua.national.services import delivery_push_due
from motcua.procedures.models import Procedure
from tests.dossiers.transitions_support import perform

pytestmark = pytest.mark.django_db
PAGE = "/giam-sat/lien-thong-quoc-gia/"
RETRY = "/giam-sat/lien-thong-quoc-gia/gui-lai/"
FILINGS = "/giam-sat/lien-thong-quoc-gia/ho-so-nop-truc-tuyen/"


@pytest.fixture
def rejected(world, portal):
    """A dossier whose first status the portal refused (no procedure code), the second waiting behind it."""
    procedure = world.version.procedure
    code = procedure.national_code
    Procedure.objects.filter(pk=procedure.pk).update(national_code="")
    dossier = perform(world, world.receive(), Action.TRANSFER)
    outbox_dispatch()
    delivery_push_due(now=timezone.now())
    Procedure.objects.filter(pk=procedure.pk).update(national_code=code)
    return dossier


def test_the_urls_are_the_ones_the_issue_names():
    assert (reverse("national:deliveries"), reverse("national:retry"), reverse("national:filings")) == (
        PAGE,
        RETRY,
        FILINGS,
    )


def test_a_refused_record_shows_with_the_portals_reason(client, administrator, rejected):
    client.force_login(administrator)
    response = client.get(PAGE)
    body = response.content.decode()
    assert response.status_code == 200
    assert rejected.code in body and "MaTTHC: required text" in body
    assert 'data-state="rejected"' in body and 'data-state="pending"' in body


def test_the_page_is_vietnamese_by_default_and_english_when_chosen(client, administrator, rejected):
    client.force_login(administrator)
    assert "Liên thông với Cổng Dịch vụ công quốc gia" in client.get(PAGE).content.decode()
    client.cookies["django_language"] = "en"
    assert "Exchange with the National Public Service Portal" in client.get(PAGE).content.decode()


def test_retry_sends_it_again_and_the_list_empties(client, administrator, rejected, portal):
    client.force_login(administrator)
    first = Delivery.objects.get(dossier=rejected, seq=1)
    response = client.post(RETRY, {"delivery": first.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == DeliveryStatus.PENDING
    delivery_push_due(now=timezone.now())  # what the task enqueued on commit does
    assert [r["record"]["TrangThaiHoSo"] for r in portal.store.records(code=rejected.code)] == [2, 4]
    assert "data-delivery=" not in client.get(PAGE).content.decode()


def test_a_supervisor_sees_only_the_deliveries_of_dossiers_in_scope(client, supervisor, rejected):
    client.force_login(supervisor)  # a postal supervisor of the other office
    assert rejected.code not in client.get(PAGE).content.decode()
    first = Delivery.objects.get(dossier=rejected, seq=1)
    client.post(RETRY, {"delivery": first.pk})
    first.refresh_from_db()
    assert first.status == DeliveryStatus.REJECTED  # out of scope: nothing happened


@pytest.mark.parametrize("url", [PAGE, FILINGS])
def test_clerks_may_not_open_the_pages_and_strangers_must_sign_in(client, world, url):
    assert client.get(url).status_code == 302
    client.force_login(world.clerk)
    assert client.get(url).status_code == 403
    assert client.post(RETRY, {"delivery": 1}).status_code == 403


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999999999999999999999", "", "1.5", "１２", "\u202e1"])
def test_a_retry_of_nonsense_is_a_clear_message_not_a_server_error(client, administrator, rejected, value):
    client.force_login(administrator)
    response = client.post(RETRY, {"delivery": value}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hãy chọn một lần gửi trong danh sách." in body or "Không có lần gửi này" in body
    assert Delivery.objects.get(dossier=rejected, seq=1).status == DeliveryStatus.REJECTED


def test_a_retry_of_an_accepted_or_unknown_delivery_changes_nothing(client, administrator, rejected):
    client.force_login(administrator)
    response = client.post(RETRY, {"delivery": 10**12}, follow=True)
    assert "Không có lần gửi này" in response.content.decode()


@pytest.mark.parametrize("url", [PAGE, FILINGS])
@pytest.mark.parametrize("state", ["bogus", "x" * 5000, "accepted'--", "new\u0000"])
def test_an_unknown_filter_is_a_400_with_a_message(client, administrator, url, state):
    client.force_login(administrator)
    response = client.get(url, {"trang-thai": state})
    assert response.status_code == 400


def test_the_filings_page_lists_what_was_pulled(client, administrator):
    IncomingFiling.objects.create(
        national_code="G22.99-261203-0001", procedure_code="1.000005", applicant_name="Lê Thị Hoa"
    )
    client.force_login(administrator)
    body = client.get(FILINGS, {"trang-thai": "new"}).content.decode()
    assert "G22.99-261203-0001" in body and "Lê Thị Hoa" in body
    assert "G22.99" not in client.get(FILINGS, {"trang-thai": "taken"}).content.decode()
