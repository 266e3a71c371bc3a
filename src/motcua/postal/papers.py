"""Printed papers of a home pickup (Circular 17/2017/TT-BTTTT, art. 5; docs/domain.md, "The postal steps of a
home pickup and a delivery"): the receipt for the fees and postage the postman collected, and the hand-over
record signed at the one-stop, with the list of papers and the two signatures drawn under it.

Always in Vietnamese, A5 / A4, printed by WeasyPrint with no access to the network or the file system.
"""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from motcua.core.templatetags.motcua import vnd
from motcua.procedures.models import ComponentForm

from .labels import _pdf
from .models import CollectionKind, OrderKind, PostalOrder, Signer


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username()) if user is not None else ""


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%H:%M ngày %d/%m/%Y") if value else ""


def paper_rows(order: PostalOrder) -> list[dict[str, Any]]:
    """The list of papers collected: name, original or copy (in the active language), count."""
    return [
        {"name": p["name"], "form": ComponentForm(p["form"]).label, "count": p.get("count", 1)} for p in order.papers
    ]


def signatures_for_print(order: PostalOrder) -> dict[str, dict[str, str]]:
    """Each side's signature of the list: its name, the image as a data URI, when it was drawn."""
    found = {}
    for signature in order.signatures.all():
        with signature.image.open("rb") as image:
            uri = "data:image/png;base64," + base64.b64encode(image.read()).decode("ascii")
        found[signature.signer] = {"name": signature.signer_name, "image": uri, "at": _when(signature.signed_at)}
    return found


def pickup_receipt_html(order: PostalOrder) -> str:
    amounts = {c.kind: c for c in order.collections.select_related("agency")}
    fees, postage = amounts.get(CollectionKind.FEES), amounts.get(CollectionKind.POSTAGE)
    with translation.override("vi"):
        lines = []
        if fees is not None:
            lines.append(
                {
                    "what": "Phí, lệ phí thủ tục hành chính"
                    + (f" (nộp {fees.agency.name})" if fees.agency is not None else ""),
                    "amount": vnd(fees.amount),
                }
            )
        if postage is not None:
            lines.append({"what": "Cước dịch vụ bưu chính", "amount": vnd(postage.amount)})
        total = (fees.amount if fees else 0) + (postage.amount if postage else 0)
        return render_to_string(
            "postal/receipt.html",
            {
                "order": order,
                "point": order.receiving_point,
                "procedure": order.procedure_version.name if order.procedure_version else "",
                "lines": lines,
                "total": vnd(total),
                "postman": _person(order.postman),
                "date": _when(order.done_at),
            },
        )


def pickup_receipt_pdf(order: PostalOrder) -> bytes:
    """The receipt the postman gives at the door for the fees and the postage collected (A5)."""
    assert order.kind == OrderKind.PICKUP
    return _pdf(pickup_receipt_html(order))


def pickup_handover_html(order: PostalOrder) -> str:
    signatures = signatures_for_print(order)
    with translation.override("vi"):
        fees = order.collections.filter(kind=CollectionKind.FEES).first()
        return render_to_string(
            "postal/handover_record.html",
            {
                "order": order,
                "point": order.receiving_point,
                "dossier_code": order.dossier.code if order.dossier else "",
                "procedure": order.procedure_version.name if order.procedure_version else "",
                "papers": paper_rows(order),
                "postman": _person(order.postman),
                "clerk": _person(order.checked_by),
                "date": _when(order.checked_at),
                "collected": _when(order.done_at),
                "fees": vnd(fees.amount) if fees else "",
                "signed_by_postman": signatures.get(Signer.POSTMAN),
                "signed_by_applicant": signatures.get(Signer.APPLICANT),
            },
        )


def pickup_handover_pdf(order: PostalOrder) -> bytes:
    """The record of the postman handing the sealed dossier to the one-stop, signed by both (A4)."""
    assert order.kind == OrderKind.PICKUP
    return _pdf(pickup_handover_html(order))
