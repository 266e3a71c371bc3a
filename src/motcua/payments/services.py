"""Starting a payment and applying what the gateway says about it (docs/payments.md).

Every gateway message, whether a notification (IPN), the applicant's return or the answer to a query, enters
through :func:`payment_message_receive`: verified, parsed, checked against the payment under its row lock,
applied at most once, and logged with its verdict in every case. The rules, in the order they are checked:

1. a message whose signature is not the gateway's changes nothing (``bad_signature``);
2. one we cannot read changes nothing (``malformed``), nor one for a reference we never sent
   (``unknown_reference``);
3. a transaction number that already paid another payment is a replay (``replay``);
4. an amount other than the one requested changes nothing (``wrong_amount``);
5. a payment already settled stays as it is: the same outcome again is ``already`` (the IPN twice pays once),
   a different one contradicts it (``out_of_order``: "failed" after "paid", "paid" after "cancelled"),
   to be looked at in the reconciliation;
6. otherwise the outcome is applied (``applied``); "paid" also writes the outbox message ``payment.paid``.

The return page only *shows* (VNPay's guide: the merchant updates its order from the IPN, not from the
browser's return), so an applicant who comes back before the IPN is told we are confirming the payment.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.dossiers.models import Dossier, OutboxMessage
from motcua.dossiers.outbox import outbox_kick
from motcua.dossiers.services.locks import dossier_lock

from . import errors
from .models import Payment, PaymentEvent, PaymentStatus, Source, Verdict
from .providers import GatewayOutcome, provider_for
from .selectors import dossier_lines_due

MAX_PARAMS = 40
MAX_VALUE = 300


def clean_params(params: Mapping[str, object]) -> dict[str, str]:
    """Parameters as text fit to keep: at most 40, each cut to 300 characters, without NUL or lone surrogates
    (which PostgreSQL cannot store); a forged request is kept as well as it can be, never refused for its looks."""
    cleaned: dict[str, str] = {}
    for key, value in list(params.items())[:MAX_PARAMS]:
        cleaned[_text(key)[:60]] = _text(value)[:MAX_VALUE]
    return cleaned


def _text(value: object) -> str:
    text = value if isinstance(value, str) else str(value)
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _log(*, payment: Payment | None, reference: str, source: str, verdict: str, params: dict, note: str = "") -> None:
    PaymentEvent.objects.create(
        payment=payment, reference=reference[:100], source=source, verdict=verdict, params=params, note=note[:300]
    )


def payment_start(*, dossier: Dossier, return_url: str) -> tuple[Payment, str]:
    """Open a payment of everything the dossier still owes; return it and the gateway URL to send the browser
    to. An earlier payment still waiting is first asked about at the gateway (it may have been paid, its
    notification lost), then cancelled if still open, so one dossier has one open payment at a time."""
    for waiting in Payment.objects.filter(dossier=dossier, status__in=(PaymentStatus.CREATED, PaymentStatus.PENDING)):
        payment_query_settle(payment=waiting)
    return _start(dossier=dossier, return_url=return_url)


@transaction.atomic
def _start(*, dossier: Dossier, return_url: str) -> tuple[Payment, str]:
    dossier = dossier_lock(dossier_id=dossier.pk)
    lines = dossier_lines_due(dossier=dossier)
    if not lines:
        raise errors.payment_nothing_due()
    for earlier in Payment.objects.select_for_update().filter(
        dossier=dossier, status__in=(PaymentStatus.CREATED, PaymentStatus.PENDING)
    ):
        earlier.status, earlier.settled_at = PaymentStatus.CANCELLED, timezone.now()
        earlier.save(update_fields=["status", "settled_at"])
        _log(payment=earlier, reference=earlier.reference, source=Source.START, verdict=Verdict.APPLIED,
             params={}, note="superseded by a new payment")  # fmt: skip
    fees = sum(line.amount for line in lines if line.kind == "fee")
    postage = sum(line.amount for line in lines if line.kind == "postage")
    provider = provider_for(settings.PAYMENT_PROVIDER)
    payment = Payment.objects.create(
        dossier=dossier,
        reference=secrets.token_hex(16),
        provider=provider.code,
        lines=[{"kind": line.kind, "description": line.description, "amount": line.amount} for line in lines],
        fees_amount=fees,
        postage_amount=postage,
        amount_requested=fees + postage,
    )
    url = provider.start(payment, return_url=return_url)
    payment.status, payment.started_at = PaymentStatus.PENDING, timezone.now()
    payment.save(update_fields=["status", "started_at"])
    _log(payment=payment, reference=payment.reference, source=Source.START, verdict=Verdict.STARTED, params={})
    return payment, url


def payment_message_receive(*, provider_code: str, params: Mapping[str, object], source: str) -> str:
    """Verify, check and apply one gateway message (see the module's rules); return the verdict."""
    provider = provider_for(provider_code)
    kept = clean_params(params)
    reference = kept.get("vnp_TxnRef", "")
    text_params = {k: v for k, v in params.items() if isinstance(k, str) and isinstance(v, str)}
    if len(text_params) != len(params) or kept != text_params or not provider.verify(text_params):
        with transaction.atomic():
            payment = Payment.objects.filter(reference=reference[:40]).first()
            _log(payment=payment, reference=reference, source=source, verdict=Verdict.BAD_SIGNATURE, params=kept)
        return Verdict.BAD_SIGNATURE
    try:
        outcome = provider.parse(text_params)
    except ValueError as error:
        _log(payment=None, reference=reference, source=source, verdict=Verdict.MALFORMED, params=kept, note=str(error))
        return Verdict.MALFORMED
    return _apply(provider_code=provider.code, outcome=outcome, source=source, params=kept)


@transaction.atomic
def _apply(
    *, provider_code: str, outcome: GatewayOutcome, source: str, params: dict, expire_before: datetime | None = None
) -> str:
    payment = Payment.objects.select_for_update().filter(reference=outcome.reference, provider=provider_code).first()
    verdict, note = _verdict(payment=payment, outcome=outcome, provider_code=provider_code, source=source)
    if payment is not None and verdict == Verdict.APPLIED:
        _settle(payment=payment, outcome=outcome)
    elif payment is not None and verdict == Verdict.NO_OUTCOME and expire_before and payment.created_at < expire_before:
        payment.status, payment.settled_at = PaymentStatus.EXPIRED, timezone.now()
        payment.save(update_fields=["status", "settled_at"])
        verdict, note = Verdict.APPLIED, "expired: the gateway has no outcome"
    _log(payment=payment, reference=outcome.reference, source=source, verdict=verdict, params=params, note=note)
    return verdict


def _verdict(*, payment: Payment | None, outcome: GatewayOutcome, provider_code: str, source: str) -> tuple[str, str]:
    if payment is None:
        return Verdict.UNKNOWN_REFERENCE, ""
    if source == Source.RETURN:
        return Verdict.SHOWN, f"the gateway says {outcome.status}"
    if outcome.status in ("open", "unknown"):
        return Verdict.NO_OUTCOME, f"the gateway says {outcome.status}"
    if outcome.transaction_no and (
        Payment.objects.filter(provider=provider_code, transaction_no=outcome.transaction_no)
        .exclude(pk=payment.pk)
        .exists()
    ):
        return Verdict.REPLAY, f"transaction {outcome.transaction_no} belongs to another payment"
    if outcome.amount != payment.amount_requested:
        return Verdict.WRONG_AMOUNT, f"{outcome.amount} VND said, {payment.amount_requested} VND requested"
    if payment.is_final:
        if payment.status == outcome.status and payment.transaction_no == outcome.transaction_no:
            return Verdict.ALREADY, ""
        return Verdict.OUT_OF_ORDER, f"the gateway says {outcome.status}, the payment is {payment.status}"
    return Verdict.APPLIED, f"{payment.status} → {outcome.status}"


def _settle(*, payment: Payment, outcome: GatewayOutcome) -> None:
    now = timezone.now()
    payment.status, payment.settled_at = outcome.status, now
    payment.transaction_no = outcome.transaction_no
    if outcome.status == PaymentStatus.PAID:
        payment.amount_confirmed = outcome.amount
    payment.save(update_fields=["status", "settled_at", "transaction_no", "amount_confirmed"])
    if outcome.status == PaymentStatus.PAID and not payment.dossier.receiving_point.is_training:
        # The dossiers app learns of it without importing payments (docs/payments.md, "Paid online").
        outbox_kick()
        OutboxMessage.objects.create(
            key=f"payment:{payment.reference}:paid",
            topic="payment.paid",
            payload={
                "code": payment.dossier.code,
                "reference": payment.reference,
                "provider": payment.provider,
                "transaction_no": payment.transaction_no,
                "amount": payment.amount_requested,
                "fees": payment.fees_amount,
                "postage": payment.postage_amount,
                "paid_at": timezone.localtime(now).isoformat(),
            },
        )


def payment_query_settle(*, payment: Payment, expire_before: datetime | None = None) -> str:
    """Ask the gateway about ``payment`` and apply its signed answer like a notification; with
    ``expire_before``, a payment started before it that the gateway has no outcome for is marked expired."""
    provider = provider_for(payment.provider)
    answer = provider.query(payment)
    kept = clean_params(answer)
    if not provider.verify(answer):
        return _refuse_answer(payment, Verdict.BAD_SIGNATURE, kept)
    try:
        outcome = provider.parse(answer)
    except ValueError as error:
        return _refuse_answer(payment, Verdict.MALFORMED, kept, note=str(error))
    if outcome.reference != payment.reference:
        return _refuse_answer(payment, Verdict.MALFORMED, kept, note=f"answer about {outcome.reference}")
    if outcome.status == "unknown":
        # The gateway never saw it (the browser never got there): as good as no outcome yet.
        outcome = GatewayOutcome(payment.reference, "", payment.amount_requested, "open")
    return _apply(
        provider_code=payment.provider, outcome=outcome, source=Source.QUERY, params=kept, expire_before=expire_before
    )


def _refuse_answer(payment: Payment, verdict: str, params: dict, note: str = "") -> str:
    _log(payment=payment, reference=payment.reference, source=Source.QUERY, verdict=verdict, params=params, note=note)
    return verdict


def payment_return_receive(*, provider_code: str, params: Mapping[str, object]) -> tuple[Payment | None, str]:
    """The applicant's browser came back from the gateway: log it, change nothing; return the payment and
    what the gateway said (``paid``, ``failed``…), or ``None`` and the verdict when the message is not valid."""
    verdict = payment_message_receive(provider_code=provider_code, params=params, source=Source.RETURN)
    if verdict != Verdict.SHOWN:
        return None, verdict
    outcome = provider_for(provider_code).parse({k: str(v) for k, v in params.items()})
    return Payment.objects.select_related("dossier").get(reference=outcome.reference), outcome.status
