"""The built-in simulated gateway: VNPay-shaped messages, its own pages inside motcua, its own store
(docs/payments.md, "The simulated gateway").

Parameters carry VNPay's names (``vnp_TxnRef``, ``vnp_Amount`` in hundredths of a đồng, ``vnp_ResponseCode``,
``vnp_TransactionStatus``, ``vnp_TransactionNo``, ``vnp_SecureHash``), so the code that verifies and applies
them is the code a real VNPay adapter would feed. The signing secret is ``PAYMENT_SIMULATOR_SECRET``; its
default is published, and ``check --deploy`` refuses it.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .. import errors
from ..models import Payment, SimulatedTransaction, SimulatedTransactionStatus
from ..signing import signature_valid, with_signature
from .base import GatewayOutcome, PaymentProvider, providers

# VNPay's codes, as its integration guide lists them: "00" success, "24" cancelled by the customer, "51" not
# enough money; for a query "91" means the gateway has no such transaction. Status "01": not finished yet.
SUCCESS = "00"
CANCELLED = "24"
DECLINED = "51"
NOT_FOUND = "91"
NOT_FINISHED = "01"
FAILED_STATUS = "02"

# Our verdicts, answered to the gateway in VNPay's IPN reply codes.
IPN_REPLIES = {
    "applied": ("00", "Confirm Success"),
    "no_outcome": ("00", "Confirm Success"),
    "already": ("02", "Order already confirmed"),
    "out_of_order": ("02", "Order already confirmed"),
    "replay": ("02", "Order already confirmed"),
    "unknown_reference": ("01", "Order not found"),
    "wrong_amount": ("04", "Invalid amount"),
    "bad_signature": ("97", "Invalid signature"),
}

ACTIONS = ("pay", "pay_lost", "cancel", "fail")


def _secret() -> str:
    return str(settings.PAYMENT_SIMULATOR_SECRET)


def _message(transaction: SimulatedTransaction, *, response: str, status: str) -> dict[str, str]:
    params = {
        "vnp_TmnCode": "MOTCUASIM",
        "vnp_TxnRef": transaction.reference,
        "vnp_Amount": str(transaction.amount * 100),
        "vnp_ResponseCode": response,
        "vnp_TransactionStatus": status,
        "vnp_TransactionNo": transaction.transaction_no,
        "vnp_PayDate": timezone.localtime(transaction.settled_at).strftime("%Y%m%d%H%M%S")
        if transaction.settled_at
        else "",
    }
    return with_signature(params, secret=_secret())


def _codes(status: str) -> tuple[str, str]:
    codes: dict[str, tuple[str, str]] = {
        SimulatedTransactionStatus.PAID: (SUCCESS, SUCCESS),
        SimulatedTransactionStatus.CANCELLED: (CANCELLED, FAILED_STATUS),
        SimulatedTransactionStatus.FAILED: (DECLINED, FAILED_STATUS),
    }
    return codes.get(status, (SUCCESS, NOT_FINISHED))


@providers.register("simulated")
class SimulatedGateway(PaymentProvider):
    def start(self, payment: Payment, *, return_url: str) -> str:
        SimulatedTransaction.objects.create(
            reference=payment.reference,
            amount=payment.amount_requested,
            description=f"Thanh toan ho so {payment.dossier.code}"[:255],
            return_url=return_url[:500],
        )
        return reverse("payments:simulator", args=[payment.reference])

    def verify(self, params: Mapping[str, str]) -> bool:
        return signature_valid(params, secret=_secret())

    def parse(self, params: Mapping[str, str]) -> GatewayOutcome:
        reference = params.get("vnp_TxnRef", "")
        amount_text = params.get("vnp_Amount", "")
        response, status = params.get("vnp_ResponseCode", ""), params.get("vnp_TransactionStatus", "")
        if not reference or len(reference) > 40:
            raise ValueError("vnp_TxnRef: 1 to 40 characters")
        if not amount_text.isdigit() or len(amount_text) > 17 or int(amount_text) % 100:
            raise ValueError("vnp_Amount: whole đồng times 100")
        if response == NOT_FOUND:
            outcome = "unknown"
        elif status == SUCCESS and response == SUCCESS:
            outcome = "paid"
        elif status == NOT_FINISHED:
            outcome = "open"
        elif response == CANCELLED:
            outcome = "cancelled"
        elif response and status:
            outcome = "failed"
        else:
            raise ValueError("vnp_ResponseCode and vnp_TransactionStatus are required")
        transaction_no = params.get("vnp_TransactionNo", "")
        if len(transaction_no) > 100 or (outcome == "paid" and not transaction_no):
            raise ValueError("vnp_TransactionNo: required for a payment, at most 100 characters")
        return GatewayOutcome(
            reference=reference, transaction_no=transaction_no, amount=int(amount_text) // 100, status=outcome
        )

    def query(self, payment: Payment) -> dict[str, str]:
        transaction = SimulatedTransaction.objects.filter(reference=payment.reference).first()
        if transaction is None:
            unknown = {"vnp_TxnRef": payment.reference, "vnp_Amount": "0", "vnp_ResponseCode": NOT_FOUND}
            return with_signature({**unknown, "vnp_TransactionStatus": FAILED_STATUS}, secret=_secret())
        response, status = _codes(transaction.status)
        return _message(transaction, response=response, status=status)

    def ipn_reply(self, verdict: str) -> dict[str, str]:
        code, message = IPN_REPLIES.get(verdict, ("99", "Unknown error"))
        return {"RspCode": code, "Message": message}


def simulated_transaction_get(*, reference: str) -> SimulatedTransaction:
    transaction = SimulatedTransaction.objects.filter(reference=reference[:40]).first()
    if transaction is None:
        raise errors.payment_not_found()
    return transaction


def simulated_transaction_settle(*, reference: str, action: str) -> tuple[dict[str, str], str]:
    """The applicant pressed a button on the simulator's page: settle the gateway's own record once, and
    return the signed parameters it sends (to the IPN and back with the browser) and the return URL."""
    if action not in ACTIONS:
        raise errors.payment_action_unknown()
    updated = SimulatedTransaction.objects.filter(
        reference=reference[:40], status=SimulatedTransactionStatus.OPEN
    ).update(
        status={"pay": "paid", "pay_lost": "paid", "cancel": "cancelled", "fail": "failed"}[action],
        transaction_no=str(10**11 + secrets.randbelow(9 * 10**11)),
        settled_at=timezone.now(),
    )
    transaction = simulated_transaction_get(reference=reference)
    if not updated:
        raise errors.payment_simulation_closed()
    response, status = _codes(transaction.status)
    params = _message(transaction, response=response, status=status)
    return params, f"{transaction.return_url}?{urlencode(params)}"
