"""The applicant's whole trip with the test client: link → pay page → simulated gateway → IPN → return; the
reconciliation; the supervisors' page (issue 14, item 3)."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.dossiers.models import OutboxMessage
from motcua.payments.links import payment_link_path
from motcua.payments.models import Payment, PaymentEvent, PaymentStatus, Source, Verdict
from motcua.payments.reconcile import payments_reconcile
from motcua.payments.selectors import dossier_paid_online

from .conftest import gateway_says

pytestmark = pytest.mark.django_db


def _to_gateway(client, dossier) -> str:
    link = payment_link_path(code=dossier.code)
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(f"/thanh-toan/{dossier.code}/bat-dau/", {"t": parse_qs(urlsplit(link).query)["t"][0]})
    assert response.status_code == 302 and response.url.startswith("/thanh-toan/mo-phong/")
    return response.url


def test_pay_page_shows_the_lines_in_dong(client, dossier):
    page = client.get(payment_link_path(code=dossier.code)).content.decode()
    assert "50.000 ₫" in page and "16.000 ₫" in page and "66.000 ₫" in page
    assert "Thanh toán trực tuyến" in page


def test_start_simulator_ipn_return(client, dossier):
    gateway = _to_gateway(client, dossier)
    assert "66.000 ₫" in client.get(gateway).content.decode()
    back = client.post(gateway, {"action": "pay"})
    assert back.status_code == 302 and back.url.startswith("http://testserver/thanh-toan/ket-qua/simulated/?")
    payment = Payment.objects.get(dossier=dossier)
    assert payment.status == PaymentStatus.PAID and payment.transaction_no
    assert payment.events.get(source=Source.IPN).verdict == Verdict.APPLIED
    result = client.get(back.url)
    assert result.status_code == 200 and "Đã thanh toán" in result.content.decode()
    assert payment.events.filter(source=Source.RETURN, verdict=Verdict.SHOWN).count() == 1
    assert client.get(back.url).status_code == 200  # the return again: shown again, nothing changes
    assert OutboxMessage.objects.filter(topic="payment.paid").count() == 1
    assert dossier_paid_online(dossier)
    assert "không còn khoản nào" in client.get(payment_link_path(code=dossier.code)).content.decode()
    assert client.post(gateway, {"action": "pay"}).status_code == 409  # the gateway settles once


def test_lost_notification_is_settled_by_the_reconciliation(client, dossier):
    gateway = _to_gateway(client, dossier)
    back = client.post(gateway, {"action": "pay_lost"})
    payment = Payment.objects.get(dossier=dossier)
    assert payment.status == PaymentStatus.PENDING
    assert "Chúng tôi đang xác nhận" in client.get(back.url).content.decode()
    assert payments_reconcile(now=timezone.now()).asked == []  # too recent to ask
    out = StringIO()
    call_command("payments_reconcile", stdout=out)
    report = payments_reconcile(now=timezone.now() + dt.timedelta(minutes=20))
    assert [verdict for _p, verdict in report.asked] == [Verdict.APPLIED]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.events.filter(source=Source.QUERY, verdict=Verdict.APPLIED).exists()


def test_reconciliation_expires_what_the_gateway_never_settled(client, dossier):
    _to_gateway(client, dossier)
    report = payments_reconcile(now=timezone.now() + dt.timedelta(minutes=20))
    assert [verdict for _p, verdict in report.asked] == [Verdict.NO_OUTCOME]
    payments_reconcile(now=timezone.now() + dt.timedelta(hours=2))
    assert Payment.objects.get(dossier=dossier).status == PaymentStatus.EXPIRED


def test_reconciliation_of_a_day_lists_money_taken_on_a_given_up_payment(client, dossier):
    gateway = _to_gateway(client, dossier)
    payments_reconcile(now=timezone.now() + dt.timedelta(hours=2))  # expired: we gave up on it
    client.post(gateway, {"action": "pay_lost"})  # the applicant paid anyway, the notification was lost
    out = StringIO()
    call_command("payments_reconcile", "--date", timezone.localdate().strftime("%d/%m/%Y"), stdout=out)
    assert "MISMATCH" in out.getvalue() and "out_of_order" in out.getvalue()
    assert Payment.objects.get(dossier=dossier).status == PaymentStatus.EXPIRED


def test_cancel_and_fail_are_said_plainly(client, dossier):
    back = client.post(_to_gateway(client, dossier), {"action": "cancel"})
    assert "đã bị hủy" in client.get(back.url).content.decode()
    back = client.post(_to_gateway(client, dossier), {"action": "fail"})
    page = client.get(back.url).content.decode()
    assert "không thành công" in page and "Thử lại" in page
    assert list(Payment.objects.order_by("created_at").values_list("status", flat=True)) == ["cancelled", "failed"]


def test_ipn_endpoint_answers_the_gateway_codes(client, payment):
    url = "/thanh-toan/ipn/simulated/"
    assert client.get(url, gateway_says(payment)).json()["RspCode"] == "00"
    assert client.get(url, gateway_says(payment)).json()["RspCode"] == "02"
    assert client.post(url, {"vnp_TxnRef": payment.reference}).json()["RspCode"] == "97"
    assert client.get(url, gateway_says(payment, amount=5)).json()["RspCode"] in {"02", "04"}
    assert client.get("/thanh-toan/ipn/nope/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/thanh-toan/{code}/?t=forged",
        "/thanh-toan/{code}/",
        "/thanh-toan/{code}/?t=%00",
        "/thanh-toan/mo-phong/unknown/",
        "/thanh-toan/ket-qua/simulated/?vnp_TxnRef=x&vnp_Amount=99999999999999999999",
        "/thanh-toan/ket-qua/simulated/?vnp_TxnRef=%00",
        "/thanh-toan/ipn/simulated/?vnp_Amount=%00",
        "/thanh-toan/ket-qua/nope/",
    ],
)
def test_bad_input_never_500(client, dossier, path):
    response = client.get(path.format(code=dossier.code))
    assert 400 <= response.status_code < 500


def test_a_link_opens_only_its_own_dossier(client, world, dossier):
    other = world.receive()
    token = parse_qs(urlsplit(payment_link_path(code=dossier.code)).query)["t"][0]
    assert client.get(f"/thanh-toan/{other.code}/?t={token}").status_code == 403
    assert client.post(f"/thanh-toan/{other.code}/bat-dau/", {"t": token}).status_code == 403
    assert not Payment.objects.exists()


def test_simulator_refuses_an_unknown_button(client, dossier):
    assert client.post(_to_gateway(client, dossier), {"action": "steal"}).status_code == 400


def test_supervisors_see_payments_in_their_scope(client, world, payment):
    client.force_login(world.onestop)
    page = client.get("/giam-sat/thanh-toan/?status=pending")
    assert page.status_code == 200 and payment.dossier.code in page.content.decode()
    assert client.get("/giam-sat/thanh-toan/?status=%00bogus").status_code in (200, 400)
    client.force_login(world.clerk)
    assert client.get("/giam-sat/thanh-toan/").status_code == 403


def test_supervisors_see_the_mismatches(client, world, payment):
    client.get("/thanh-toan/ipn/simulated/", gateway_says(payment, amount=1))
    client.force_login(world.onestop)
    page = client.get("/giam-sat/thanh-toan/").content.decode()
    assert PaymentEvent.objects.filter(verdict=Verdict.WRONG_AMOUNT).count() == 1
    assert "Số tiền không khớp" in page


def test_staff_print_a_working_link(client, dossier):
    out = StringIO()
    call_command("payment_link", dossier.code, "--base", "https://motcua.example.vn/", stdout=out)
    link = out.getvalue().strip()
    assert link.startswith(f"https://motcua.example.vn/thanh-toan/{dossier.code}/?t=")
    assert client.get(link.removeprefix("https://motcua.example.vn")).status_code == 200


def test_paying_again_first_asks_the_gateway_about_the_waiting_payment(client, dossier):
    client.post(_to_gateway(client, dossier), {"action": "pay_lost"})
    link = payment_link_path(code=dossier.code)
    response = client.post(f"/thanh-toan/{dossier.code}/bat-dau/", {"t": parse_qs(urlsplit(link).query)["t"][0]})
    assert response.status_code == 409  # the lost payment was found paid: nothing left to pay
    assert list(Payment.objects.values_list("status", flat=True)) == [PaymentStatus.PAID]
