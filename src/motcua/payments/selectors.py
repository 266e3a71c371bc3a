"""What a dossier still owes, whether it was paid online, and what staff may see (docs/payments.md)."""

from __future__ import annotations

from collections.abc import Iterable
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
    return dossiers_paid_online(dossiers=[dossier]).get(dossier.pk, {"fees": 0, "postage": 0})


def dossiers_paid_online(*, dossiers: Iterable[Dossier]) -> dict[int, dict[str, int]]:
    """What was paid through a gateway, per dossier, in one query for many dossiers (a list of them)."""
    rows = (
        Payment.objects.filter(dossier__in=[d.pk for d in dossiers], status=PaymentStatus.PAID)
        .values("dossier")
        .annotate(fees=Sum("fees_amount"), postage=Sum("postage_amount"))
    )
    return {row["dossier"]: {"fees": row["fees"] or 0, "postage": row["postage"] or 0} for row in rows}


def _fees_due(dossier: Dossier, paid: dict[str, int]) -> int:
    return max(dossier.fees_charged - dossier.fees_paid - paid["fees"], 0)


def _postage_due(dossier: Dossier, paid: dict[str, int]) -> int:
    if dossier.return_method == ReturnMethod.POST and dossier.return_postage and not paid["postage"]:
        return dossier.return_postage
    return 0


def dossier_lines_due(*, dossier: Dossier) -> list[DueLine]:
    """The fee lines and postage the applicant still owes: fees charged less what was paid at the counter or
    online; the return postage quoted at reception when the result goes back by post, unless paid online."""
    paid = _paid_online(dossier)
    fees_due = _fees_due(dossier, paid)
    lines: list[DueLine] = []
    if fees_due:
        charged = [fee for fee in DossierFee.objects.filter(dossier=dossier) if fee.amount]
        if dossier.fees_paid == 0 and paid["fees"] == 0 and sum(f.amount for f in charged) == fees_due:
            lines += [DueLine("fee", fee.description, fee.amount) for fee in charged]
        else:
            lines.append(DueLine("fee", str(_("Fees still due")), fees_due))
    if postage := _postage_due(dossier, paid):
        lines.append(DueLine("postage", str(_("Postage for the return of the result")), postage))
    return lines


def dossiers_amount_due(*, dossiers: list[Dossier]) -> dict[int, int]:
    """What each dossier's applicant still owes, the sum of :func:`dossier_lines_due`'s lines, in one query."""
    paid = dossiers_paid_online(dossiers=dossiers)
    none = {"fees": 0, "postage": 0}
    return {d.pk: _fees_due(d, paid.get(d.pk, none)) + _postage_due(d, paid.get(d.pk, none)) for d in dossiers}


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
