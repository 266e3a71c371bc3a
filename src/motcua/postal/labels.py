"""Printed papers of the post: the A6 parcel label and the manifest of results handed to the post.

The tracking number is printed as a Code 128 (set B) barcode drawn here as SVG, and the public lookup
page as a QR code; both are data URIs, so WeasyPrint never reaches the network or the file system.
Always in Vietnamese, fonts from the system (Noto).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from motcua.agencies.models import ReceivingPoint
from motcua.dossiers.slips.context import PUBLIC_LOOKUP_PATH, public_lookup_url, qr_data_uri

from .models import OrderKind, PostalOrder

# Code 128 symbol widths (bar, space, bar, space, bar, space) by value; 103–105 start A/B/C; 106 stop.
CODE128 = [
    "212222",
    "222122",
    "222221",
    "121223",
    "121322",
    "131222",
    "122213",
    "122312",
    "132212",
    "221213",
    "221312",
    "231212",
    "112232",
    "122132",
    "122231",
    "113222",
    "123122",
    "123221",
    "223211",
    "221132",
    "221231",
    "213212",
    "223112",
    "312131",
    "311222",
    "321122",
    "321221",
    "312212",
    "322112",
    "322211",
    "212123",
    "212321",
    "232121",
    "111323",
    "131123",
    "131321",
    "112313",
    "132113",
    "132311",
    "211313",
    "231113",
    "231311",
    "112133",
    "112331",
    "132131",
    "113123",
    "113321",
    "133121",
    "313121",
    "211331",
    "231131",
    "213113",
    "213311",
    "213131",
    "311123",
    "311321",
    "331121",
    "312113",
    "312311",
    "332111",
    "314111",
    "221411",
    "431111",
    "111224",
    "111422",
    "121124",
    "121421",
    "141122",
    "141221",
    "112214",
    "112412",
    "122114",
    "122411",
    "142112",
    "142211",
    "241211",
    "221114",
    "413111",
    "241112",
    "134111",
    "111242",
    "121142",
    "121241",
    "114212",
    "124112",
    "124211",
    "411212",
    "421112",
    "421211",
    "212141",
    "214121",
    "412121",
    "111143",
    "111341",
    "131141",
    "114113",
    "114311",
    "411113",
    "411311",
    "113141",
    "114131",
    "311141",
    "411131",
    "211412",
    "211214",
    "211232",
    "2331112",
]
START_B, STOP = 104, 106
QUIET = 10  # modules of white either side


def code128_values(text: str) -> list[int]:
    """The symbol values of ``text`` in code set B: start, data, check symbol, stop."""
    if not text or any(not 32 <= ord(ch) <= 127 for ch in text):
        raise ValueError(f"Code 128-B encodes printable ASCII only, not {text!r}")
    data = [ord(ch) - 32 for ch in text]
    check = (START_B + sum(i * v for i, v in enumerate(data, start=1))) % 103
    return [START_B, *data, check, STOP]


def code128_modules(text: str) -> list[int]:
    """The element widths (in modules) of the symbol, bars and spaces alternating, starting with a bar."""
    return [int(w) for value in code128_values(text) for w in CODE128[value]]


def code128_svg(text: str, *, module: float = 1.0, height: float = 40.0) -> str:
    """The barcode as an SVG document: one ``<rect>`` per bar, the quiet zones included in the width."""
    x = QUIET * module
    rects = []
    for i, width in enumerate(code128_modules(text)):
        if i % 2 == 0:
            rects.append(f'<rect x="{x:g}" y="0" width="{width * module:g}" height="{height:g}"/>')
        x += width * module
    total = x + QUIET * module
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total:g}" height="{height:g}" '
        f'viewBox="0 0 {total:g} {height:g}"><rect width="100%" height="100%" fill="#fff"/>'
        f'<g fill="#000">{"".join(rects)}</g></svg>'
    )


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def order_lookup_url(order: PostalOrder) -> str:
    """Where the QR code leads: the dossier's public lookup page, else the page to look a number up."""
    if order.dossier is not None:
        return public_lookup_url(order.dossier)
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{PUBLIC_LOOKUP_PATH}?van-don={order.tracking_number}"


def _place(point: ReceivingPoint) -> dict[str, str]:
    return {"name": point.name, "address": f"{point.address}, {point.commune}", "phone": point.phone}


def _label_context(order: PostalOrder) -> dict[str, Any]:
    home = {
        "name": order.contact_name,
        "address": f"{order.address}, {order.commune}",
        "phone": order.contact_phone,
    }
    office = _place(order.receiving_point)
    pickup = order.kind == OrderKind.PICKUP
    return {
        "order": order,
        "title": "HỒ SƠ THỦ TỤC HÀNH CHÍNH" if pickup else "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "sender": home if pickup else office,
        "recipient": office if pickup else home,
        "barcode": _svg_uri(code128_svg(order.tracking_number)),
        "qr": qr_data_uri(order_lookup_url(order)),
        "dossier_code": order.dossier.code if order.dossier else "",
        "postage_payer": order.get_postage_payer_display(),
    }


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy import, only when printing
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def label_html(order: PostalOrder) -> str:
    with translation.override("vi"):
        return render_to_string("postal/label.html", _label_context(order))


def label_pdf(order: PostalOrder) -> bytes:
    """The A6 label of one order: sender, recipient, the number as a barcode, the lookup QR code."""
    return _pdf(label_html(order))


def manifest_html(
    orders: Iterable[PostalOrder], *, point: ReceivingPoint, actor: Any, at: datetime | None = None
) -> str:
    rows = [
        {
            "number": o.tracking_number,
            "dossier": o.dossier.code if o.dossier else "",
            "recipient": o.contact_name,
            "address": f"{o.address}, {o.commune}",
            "phone": o.contact_phone,
        }
        for o in orders
    ]
    when = timezone.localtime(at or timezone.now())
    with translation.override("vi"):
        return render_to_string(
            "postal/manifest.html",
            {
                "point": point,
                "rows": rows,
                "actor_name": actor.get_full_name() or actor.get_username(),
                "date": when.strftime("%H:%M ngày %d/%m/%Y"),
            },
        )


def manifest_pdf(
    orders: Iterable[PostalOrder], *, point: ReceivingPoint, actor: Any, at: datetime | None = None
) -> bytes:
    """The list of results the one-stop at ``point`` hands to the post, signed by both sides (A4)."""
    return _pdf(manifest_html(orders, point=point, actor=actor, at=at))
