"""Render a slip: build its context, fill the template in Vietnamese, print with WeasyPrint."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from motcua.procedures.models import ProcedureVersion

from ..models import Dossier, HandOver
from . import context as ctx
from . import papers
from .context import SlipDraft

Builder = Callable[..., dict[str, Any]]

# The slips of Circular 03/2025, Annex I: printed from one dossier, the register (07) from many.
DOSSIER_SLIP_TITLES: dict[str, str] = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "07": "SỔ THEO DÕI HỒ SƠ",
}
# The counter's own papers: the guidance slip (from a procedure version) and the hand-over list (from a
# hand-over of dossiers to an agency).
SLIP_TITLES: dict[str, str] = {
    **DOSSIER_SLIP_TITLES,
    "guidance": "PHIẾU HƯỚNG DẪN THỰC HIỆN THỦ TỤC HÀNH CHÍNH",
    "handover": "BIÊN BẢN BÀN GIAO HỒ SƠ",
    "supplement_received": "GIẤY XÁC NHẬN ĐÃ NHẬN HỒ SƠ BỔ SUNG",
}

_BUILDERS: dict[str, Builder] = {
    "01": ctx.receipt,
    "02": ctx.supplement,
    "03": ctx.refusal,
    "04": ctx.apology,
    "05": ctx.stopped,
    "06": ctx.control,
    "supplement_received": papers.supplement_received,
}
SLIP_KINDS = tuple(DOSSIER_SLIP_TITLES)
# Slips a clerk prints before a dossier exists (the dossier was incomplete or could not be accepted).
DRAFT_KINDS = ("02", "03")


class SlipUnavailable(ValueError):
    """The dossier has no data for this slip (e.g. a refusal slip for a dossier never refused)."""


def _context(
    *,
    kind: str,
    dossier: Dossier | None,
    dossiers: Iterable[Dossier] | QuerySet[Dossier] | None,
    version: ProcedureVersion | None,
    handover: HandOver | None,
    draft: SlipDraft | None,
    **extra: Any,
) -> dict[str, Any]:
    if kind not in SLIP_TITLES:
        raise ValueError(f"unknown slip kind {kind!r}; expected one of {', '.join(SLIP_TITLES)}")
    if kind == "guidance":
        if version is None:
            raise ValueError("the guidance slip takes version=, a procedure version")
        data = papers.guidance(version=version, **extra)
    elif kind == "handover":
        if handover is None:
            raise ValueError("the hand-over list takes handover=")
        data = papers.handover_list(handover=handover, **extra)
    elif kind == "07":
        if dossiers is None:
            raise ValueError("slip 07 (the register) takes dossiers=, a queryset or list of dossiers")
        data = ctx.register(dossiers=dossiers, **extra)
    elif draft is not None:
        if kind not in DRAFT_KINDS or dossier is not None:
            raise ValueError(f"only slips {' and '.join(DRAFT_KINDS)} print from a draft, and without a dossier")
        data = _BUILDERS[kind](draft=draft, **extra)
    else:
        if dossier is None:
            raise ValueError(f"slip {kind} takes dossier=")
        try:
            data = _BUILDERS[kind](dossier=dossier, **extra)
        except ctx.MissingEvent as missing:
            raise SlipUnavailable(str(missing)) from missing
    data.update(kind=kind, title=SLIP_TITLES[kind], draft=draft is not None)
    return data


def slip_html(
    *,
    kind: str,
    dossier: Dossier | None = None,
    dossiers: Iterable[Dossier] | QuerySet[Dossier] | None = None,
    version: ProcedureVersion | None = None,
    handover: HandOver | None = None,
    draft: SlipDraft | None = None,
    **extra: Any,
) -> str:
    """The slip as a self-contained HTML document (inline CSS, QR as a data URI), always in Vietnamese.

    ``dossier=`` for slips 01–06, ``dossiers=`` for the register 07, ``version=`` for the guidance slip,
    ``handover=`` for the hand-over list, ``draft=`` (a :class:`SlipDraft`) for 02 and 03 before any
    dossier exists.
    """
    with translation.override("vi"):
        data = _context(
            kind=kind, dossier=dossier, dossiers=dossiers, version=version, handover=handover, draft=draft, **extra
        )
        return render_to_string(f"slips/slip_{kind}.html", data)


def slip_pdf(
    *,
    kind: str,
    dossier: Dossier | None = None,
    dossiers: Iterable[Dossier] | QuerySet[Dossier] | None = None,
    version: ProcedureVersion | None = None,
    handover: HandOver | None = None,
    draft: SlipDraft | None = None,
    **extra: Any,
) -> bytes:
    """The slip printed on A4 as PDF bytes. No network: fonts come from the system, images are data URIs."""
    from weasyprint import HTML  # heavy import, only when printing
    from weasyprint.urls import URLFetcher

    html = slip_html(
        kind=kind, dossier=dossier, dossiers=dossiers, version=version, handover=handover, draft=draft, **extra
    )
    # Only data: URIs (the QR code) resolve: a slip never reaches the network or the file system.
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    return bytes(pdf)
