"""What a dossier still owes, whether it was paid online, and what staff may see (docs/payments.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.models.dossier import ReturnMethod
from motcua.dossiers.selectors import dossier_list_for_user

from .models import Payment, PaymentEvent, PaymentStatus, Verdict

# What a gateway told us that disagrees with our books: someone must look (a refund, a missing payment).
MISMATCH_VERDICTS = (Verdict.WRONG_AMOUNT, Verdict.REPLAY, Verdict.OUT_OF_ORDER)


@dataclass(frozen=True)
class DueLine:
    kind: str  # "fee" or "postage"
    description: str
    amount: int


def _paid_online(dossier: Dossier) -> dict[str, int]:
    sums = Payment.objects.filter(dossier=dossier, status=PaymentStatus.PAID).aggregate(
        fees=Sum("fees_amount"), postage=Sum("postage_amount")
    )
    return {"fees": sums["fees"] or 0, "postage": sums["postage"] or 0}


def dossier_lines_due(*, dossier: Dossier) -> list[DueLine]:
    """The fee lines and postage the applicant still owes: fees charged less what was paid at the counter or
    online; the return postage quoted at reception when the result goes back by post, unless paid online."""
    paid = _paid_online(dossier)
    fees_due = max(dossier.fees_charged - dossier.fees_paid - paid["fees"], 0)
    lines: list[DueLine] = []
    if fees_due:
        charged = [fee for fee in DossierFee.objects.filter(dossier=dossier) if fee.amount]
        if dossier.fees_paid == 0 and paid["fees"] == 0 and sum(f.amount for f in charged) == fees_due:
            lines += [DueLine("fee", fee.description, fee.amount) for fee in charged]
        else:
            lines.append(DueLine("fee", str(_("Fees still due")), fees_due))
    if dossier.return_method == ReturnMethod.POST and dossier.return_postage and not paid["postage"]:
        lines.append(DueLine("postage", str(_("Postage for the return of the result")), dossier.return_postage))
    return lines


def dossier_paid_online(dossier: Dossier) -> bool:
    """Whether anything of this dossier was paid through a gateway (the national index's "paid online")."""
    return Payment.objects.filter(dossier=dossier, status=PaymentStatus.PAID).exists()


def payment_latest(*, dossier: Dossier) -> Payment | None:
    return Payment.objects.filter(dossier=dossier).order_by("-created_at", "-id").first()


def payments_for_user(*, user: Any, status: str = "") -> QuerySet[Payment]:
    """Payments of the dossiers the user may see (the same scope as the staff dossier lists)."""
    payments = Payment.objects.filter(dossier__in=dossier_list_for_user(user=user).values("pk"))
    if status:
        payments = payments.filter(status=status)
    return payments.select_related("dossier").order_by("-created_at", "-id")


def payment_mismatches(*, payments: QuerySet[Payment]) -> QuerySet[PaymentEvent]:
    """Gateway messages about these payments that were refused because they disagree with our books."""
    return (
        PaymentEvent.objects.filter(payment__in=payments.values("pk"), verdict__in=MISMATCH_VERDICTS)
        .select_related("payment", "payment__dossier")
        .order_by("-at", "-id")
    )
