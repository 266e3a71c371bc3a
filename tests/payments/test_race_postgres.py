"""Two notifications of the same payment at the same instant pay it once (PostgreSQL row locks)."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import OutboxMessage
from motcua.payments.models import Payment, PaymentStatus, Source, Verdict
from motcua.payments.services import payment_message_receive
from tests.concurrency import failures, run_together

from .conftest import gateway_says

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_notifications_at_once_pay_once(payment):
    params = gateway_says(payment)

    def notify() -> str:
        return payment_message_receive(provider_code="simulated", params=params, source=Source.IPN)

    results = run_together(notify, notify, notify)
    assert not failures(results)
    assert sorted(results) == sorted([Verdict.APPLIED, Verdict.ALREADY, Verdict.ALREADY])
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PAID
    assert OutboxMessage.objects.filter(topic="payment.paid").count() == 1


def test_paid_and_failed_at_once_settle_to_one_outcome(payment):
    paid, failed = gateway_says(payment), gateway_says(payment, status="failed", transaction_no="777")
    results = run_together(
        lambda: payment_message_receive(provider_code="simulated", params=paid, source=Source.IPN),
        lambda: payment_message_receive(provider_code="simulated", params=failed, source=Source.IPN),
    )
    assert sorted(map(str, results)) == sorted([Verdict.APPLIED, Verdict.OUT_OF_ORDER])
    status = Payment.objects.get(pk=payment.pk).status
    assert status in (PaymentStatus.PAID, PaymentStatus.FAILED)
    assert OutboxMessage.objects.filter(topic="payment.paid").count() == (1 if status == PaymentStatus.PAID else 0)
