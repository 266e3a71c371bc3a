"""What a gateway message may change, and what it may not (issue 14, items 3 and 9; docs/payments.md)."""

from __future__ import annotations

import pytest
from django.conf import settings

from motcua.conf.payments import DEVELOPMENT_PAYMENT_SECRET, payment_forgery_risks
from motcua.dossiers.models import OutboxMessage
from motcua.payments.models import Payment, PaymentEvent, PaymentStatus, Source, Verdict
from motcua.payments.selectors import dossier_lines_due, dossier_paid_online
from motcua.payments.services import payment_message_receive, payment_start
from motcua.payments.signing import sign, signature_valid, signed_text

from .conftest import RETURN_URL, gateway_says

pytestmark = pytest.mark.django_db


def ipn(params) -> str:
    return payment_message_receive(provider_code="simulated", params=params, source=Source.IPN)


def test_payment_asks_for_the_fee_lines_and_the_postage(payment):
    assert payment.status == PaymentStatus.PENDING
    assert payment.fees_amount == 50000 and payment.postage_amount == 16000
    assert payment.amount_requested == 66000
    assert [line["kind"] for line in payment.lines] == ["fee", "postage"]
    assert len(payment.reference) == 32


def test_valid_notification_pays_and_writes_the_outbox_message(payment):
    assert ipn(gateway_says(payment)) == Verdict.APPLIED
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.amount_confirmed == 66000
    message = OutboxMessage.objects.get(topic="payment.paid")
    assert message.payload["code"] == payment.dossier.code and message.payload["amount"] == 66000
    assert dossier_paid_online(payment.dossier)
    assert dossier_lines_due(dossier=payment.dossier) == []


def test_the_notification_twice_pays_once(payment):
    assert ipn(gateway_says(payment)) == Verdict.APPLIED
    assert ipn(gateway_says(payment)) == Verdict.ALREADY
    assert OutboxMessage.objects.filter(topic="payment.paid").count() == 1
    assert list(payment.events.values_list("verdict", flat=True)) == ["started", "applied", "already"]


def test_forged_signature_changes_nothing(payment):
    params = gateway_says(payment)
    params["vnp_SecureHash"] = sign(params, secret="not-the-secret")
    assert ipn(params) == Verdict.BAD_SIGNATURE
    tampered = {**gateway_says(payment, status="failed"), "vnp_ResponseCode": "00", "vnp_TransactionStatus": "00"}
    assert ipn(tampered) == Verdict.BAD_SIGNATURE
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert payment.events.filter(verdict=Verdict.BAD_SIGNATURE).count() == 2


def test_wrong_amount_changes_nothing(payment):
    assert ipn(gateway_says(payment, amount=1000)) == Verdict.WRONG_AMOUNT
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert "1000 VND said" in payment.events.get(verdict=Verdict.WRONG_AMOUNT).note


def test_failed_after_paid_changes_nothing(payment):
    ipn(gateway_says(payment))
    assert ipn(gateway_says(payment, status="failed")) == Verdict.OUT_OF_ORDER
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID


def test_transaction_of_another_payment_is_a_replay(world, payment):
    ipn(gateway_says(payment, transaction_no="999"))
    other = world.receive(fees_paid=0)
    second = payment_start(dossier=other, return_url=RETURN_URL)[0]
    assert ipn(gateway_says(second, transaction_no="999")) == Verdict.REPLAY
    second.refresh_from_db()
    assert second.status == PaymentStatus.PENDING


def test_unknown_reference_changes_nothing_and_is_logged(payment):
    params = gateway_says(Payment(reference="f" * 32, amount_requested=66000))
    assert ipn(params) == Verdict.UNKNOWN_REFERENCE
    event = PaymentEvent.objects.get(verdict=Verdict.UNKNOWN_REFERENCE)
    assert event.payment is None and event.reference == "f" * 32


def test_cancel_then_paid_is_a_mismatch_not_a_payment(payment):
    assert ipn(gateway_says(payment, status="cancelled")) == Verdict.APPLIED
    assert ipn(gateway_says(payment)) == Verdict.OUT_OF_ORDER
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED and not dossier_paid_online(payment.dossier)


def test_a_new_payment_cancels_the_one_still_waiting(dossier, payment):
    second, url = payment_start(dossier=dossier, return_url=RETURN_URL)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED and second.status == PaymentStatus.PENDING
    assert second.reference in url and second.reference != payment.reference


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"vnp_TxnRef": "\x00", "vnp_SecureHash": "\x00"},
        {"vnp_Amount": "9" * 400, "vnp_SecureHash": "a" * 128},
        {"vnp_TxnRef": "x" * 5000},
    ],
)
def test_garbage_is_refused_as_unsigned(payment, params):
    assert ipn(params) == Verdict.BAD_SIGNATURE
    assert PaymentEvent.objects.filter(verdict=Verdict.BAD_SIGNATURE).count() == 1


@pytest.mark.parametrize("amount", ["99999999999999999999999", "-5", "12.5", "١٢٣"])
def test_signed_but_malformed_amount_changes_nothing(payment, amount):
    params = gateway_says(payment)
    params["vnp_Amount"] = amount
    params["vnp_SecureHash"] = sign(params, secret=settings.PAYMENT_SIMULATOR_SECRET)
    assert ipn(params) == Verdict.MALFORMED
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_signature_covers_sorted_parameters_whatever_their_order():
    params = {"b": "2", "a": "x y", "vnp_SecureHash": "ignored"}
    assert signed_text(params) == "a=x+y&b=2"
    signed = {"a": "x y", "b": "2", "vnp_SecureHash": sign(params, secret="s")}
    assert signature_valid(dict(reversed(list(signed.items()))), secret="s")
    assert not signature_valid({**signed, "b": "3"}, secret="s")


def test_the_published_secret_and_the_simulator_are_refused_for_production():
    risks = payment_forgery_risks(provider="simulated", secret=DEVELOPMENT_PAYMENT_SECRET)
    assert len(risks) == 2
    assert payment_forgery_risks(provider="vnpay", secret="a-real-secret") == []
