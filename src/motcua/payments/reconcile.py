"""The reconciliation: settle the payments whose notification never came, and list what disagrees
(docs/payments.md, "Reconciliation"; run by ``manage.py payments_reconcile``).

A notification can be lost (the gateway's retries exhausted, our site down). Any payment still pending
``PAYMENT_RECONCILE_AFTER_MINUTES`` after it started is asked about with the gateway's query, and its signed
answer applied through the same rules as a notification; one with no outcome ``PAYMENT_EXPIRE_AFTER_MINUTES``
after it started is marked expired. With a day, every payment of that day not paid is asked again, so money
taken on a payment we had given up on shows as a mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from motcua.core.localtime import local_date, local_day_bounds

from .models import Payment, PaymentEvent, PaymentStatus
from .selectors import payment_mismatches
from .services import payment_query_settle


@dataclass(frozen=True)
class Reconciliation:
    asked: list[tuple[Payment, str]]
    mismatches: QuerySet[PaymentEvent]


def payments_reconcile(*, day: date | None = None, now: datetime | None = None) -> Reconciliation:
    now = now or timezone.now()
    expire_before = now - timedelta(minutes=settings.PAYMENT_EXPIRE_AFTER_MINUTES)
    if day is None:
        cutoff = now - timedelta(minutes=settings.PAYMENT_RECONCILE_AFTER_MINUTES)
        candidates = Payment.objects.filter(
            status__in=(PaymentStatus.CREATED, PaymentStatus.PENDING), created_at__lt=cutoff
        )
        start, end = local_day_bounds(local_date(now))
    else:
        start, end = local_day_bounds(day)
        candidates = Payment.objects.filter(created_at__gte=start, created_at__lt=end).exclude(
            status=PaymentStatus.PAID
        )
    asked = []
    for payment in candidates.select_related("dossier").order_by("created_at", "pk"):
        verdict = payment_query_settle(payment=payment, expire_before=expire_before)
        payment.refresh_from_db(fields=["status", "transaction_no", "amount_confirmed", "settled_at"])
        asked.append((payment, verdict))
    of_the_day = Payment.objects.filter(created_at__gte=start, created_at__lt=end)
    return Reconciliation(asked=asked, mismatches=payment_mismatches(payments=of_the_day))
