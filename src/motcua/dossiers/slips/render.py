"""Render a slip: build its context from the dossier, fill the template in Vietnamese, print with WeasyPrint."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from ..models import Dossier
from . import context as ctx

Builder = Callable[..., dict[str, Any]]

SLIP_TITLES: dict[str, str] = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "07": "SỔ THEO DÕI HỒ SƠ",
}

_BUILDERS: dict[str, Builder] = {
    "01": ctx.receipt,
    "02": ctx.supplement,
    "03": ctx.refusal,
    "04": ctx.apology,
    "05": ctx.stopped,
    "06": ctx.control,
}
SLIP_KINDS = tuple(SLIP_TITLES)


class SlipUnavailable(ValueError):
    """The dossier has no data for this slip (e.g. a refusal slip for a dossier never refused)."""


def _context(
    *, kind: str, dossier: Dossier | None, dossiers: Iterable[Dossier] | QuerySet[Dossier] | None, **extra: Any
) -> dict[str, Any]:
    if kind not in SLIP_TITLES:
        raise ValueError(f"unknown slip kind {kind!r}; expected one of {', '.join(SLIP_KINDS)}")
    if kind == "07":
        if dossiers is None:
            raise ValueError("slip 07 (the register) takes dossiers=, a queryset or list of dossiers")
        data = ctx.register(dossiers=dossiers, **extra)
    else:
        if dossier is None:
            raise ValueError(f"slip {kind} takes dossier=")
        try:
            data = _BUILDERS[kind](dossier=dossier, **extra)
        except ctx.MissingEvent as missing:
            raise SlipUnavailable(str(missing)) from missing
    data.update(kind=kind, title=SLIP_TITLES[kind])
    return data


def slip_html(
    *,
    kind: str,
    dossier: Dossier | None = None,
    dossiers: Iterable[Dossier] | QuerySet[Dossier] | None = None,
    **extra: Any,
) -> str:
    """The slip as a self-contained HTML document (inline CSS, QR as a data URI), always in Vietnamese."""
    with translation.override("vi"):
        data = _context(kind=kind, dossier=dossier, dossiers=dossiers, **extra)
        return render_to_string(f"slips/slip_{kind}.html", data)


def slip_pdf(
    *,
    kind: str,
    dossier: Dossier | None = None,
    dossiers: Iterable[Dossier] | QuerySet[Dossier] | None = None,
    **extra: Any,
) -> bytes:
    """The slip printed on A4 as PDF bytes. No network: fonts come from the system, images are data URIs."""
    from weasyprint import HTML  # heavy import, only when printing
    from weasyprint.urls import URLFetcher

    html = slip_html(kind=kind, dossier=dossier, dossiers=dossiers, **extra)
    # Only data: URIs (the QR code) resolve: a slip never reaches the network or the file system.
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    return bytes(pdf)
