"""The dossier world of the dossier tests, and helpers to speak as the simulated gateway."""

from __future__ import annotations

import pytest
from django.conf import settings

from motcua.dossiers.models.dossier import ReturnMethod
from motcua.payments.services import payment_start
from motcua.payments.signing import with_signature
from tests.dossiers.conftest import World, world  # noqa: F401 - the shared fixture

RETURN_URL = "http://testserver/thanh-toan/ket-qua/simulated/"


def gateway_says(payment, *, status: str = "paid", transaction_no: str = "123456789012", amount: int | None = None,
                 **extra: str) -> dict[str, str]:  # fmt: skip
    """A message signed with the simulator's secret, as the gateway would send it."""
    response, transaction_status = {"paid": ("00", "00"), "failed": ("51", "02"), "cancelled": ("24", "02")}[status]
    params = {
        "vnp_TxnRef": payment.reference,
        "vnp_Amount": str((payment.amount_requested if amount is None else amount) * 100),
        "vnp_ResponseCode": response,
        "vnp_TransactionStatus": transaction_status,
        "vnp_TransactionNo": transaction_no,
        **extra,
    }
    return with_signature(params, secret=settings.PAYMENT_SIMULATOR_SECRET)


@pytest.fixture
def dossier(world: World):  # noqa: F811 - the imported fixture
    return world.receive(return_method=ReturnMethod.POST, return_address="12 Trần Phú", return_postage=16000)


@pytest.fixture
def payment(dossier):
    return payment_start(dossier=dossier, return_url=RETURN_URL)[0]
