"""The national record of one dossier status change (docs/national-portal.md, "The record").

:func:`national_record` turns a dossier and one entry of its history into what the national portal keeps for it:
the national status (1–10) and channel (1–3) codes of :mod:`motcua.dossiers.lifecycle`, and the fields the national
service-quality index scores (received, due, finished and returned times, supplement requests, digitized and reused
papers, the electronic result link, paid online). Everything is read from the history up to that entry, so the same
entry always gives the same record, whenever it is built or rebuilt (a staff retry rebuilds it).

Field names follow the national record as public one-stop systems send it; unlike them, codes travel as numbers
and times as ISO 8601 with the offset (``+07:00``): the national wire format (strings, ``yyyyMMddHHmmss``) is
unverified and belongs to an adapter, not to the record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.lifecycle import ENDED, NATIONAL_CHANNEL_CODE, NATIONAL_STATUS_CODE, Action, Status
from motcua.dossiers.models import Dossier, DossierEvent, ReturnMethod

from .selectors import dossier_events_until, dossier_paper_flags

# How the result goes back: 0 at the office, 1 through the public postal service (national "HinhThuc").
# The national list has no code seen for an electronic return: it is sent as 0 (not by post), and the result's
# link in "DanhSachGiayToKetQua" is what makes it count as an electronic result (unverified; docs/national-portal.md).
RETURN_CODE = {ReturnMethod.COUNTER: 0, ReturnMethod.POST: 1, ReturnMethod.ELECTRONIC: 0}
RESULT_READY = frozenset({Status.APPROVED, Status.NOT_APPROVED, Status.RESULT_AT_COUNTER, Status.RESULT_WITH_POST})


def _iso(at: datetime | None) -> str | None:
    return timezone.localtime(at).isoformat() if at else None


def _first(events: list[DossierEvent], *, statuses: frozenset[str]) -> datetime | None:
    return next((e.at for e in events if e.to_status in statuses), None)


def _supplement_rounds(events: list[DossierEvent]) -> list[dict[str, Any]]:
    rounds: list[dict[str, Any]] = []
    for event in events:
        if event.action == Action.REQUEST_SUPPLEMENT:
            rounds.append({"NgayBoSung": _iso(event.at), "NoiDungBoSung": event.note, "NgayTiepNhanBoSung": None})
        elif event.action == Action.RECEIVE_SUPPLEMENT and rounds:
            rounds[-1]["NgayTiepNhanBoSung"] = _iso(event.at)
    return rounds


def _result_link(dossier: Dossier, status: str) -> str | None:
    """Where the electronic result is found: the public lookup (code and the receipt's secret), once a result file
    exists and the result is ready. Unverified: the portal may expect a direct file link."""
    if not dossier.result_file or (status not in RESULT_READY and status != Status.RETURNED):
        return None
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("portal:lookup") + f"?ma={dossier.code}"


def national_record(*, dossier: Dossier, event: DossierEvent) -> dict[str, Any]:
    """The record the national portal keeps for ``event`` of ``dossier``."""
    events = dossier_events_until(dossier=dossier, seq=event.seq)
    status = event.to_status
    papers = dossier_paper_flags(dossier=dossier)
    procedure = dossier.procedure_version.procedure
    rounds = _supplement_rounds(events)
    return {
        "MaHoSo": dossier.code,
        "SoThuTu": event.seq,
        "MaTTHC": procedure.national_code,
        "TenTTHC": procedure.name,
        "MaDonVi": dossier.lead_agency.code,
        "DonViXuLy": dossier.lead_agency.name,
        "TrangThaiHoSo": NATIONAL_STATUS_CODE[status],
        "KenhThucHien": NATIONAL_CHANNEL_CODE[dossier.channel],
        "HinhThuc": RETURN_CODE[ReturnMethod(dossier.return_method)],
        "NoiDungXuLy": event.action,
        "ThoiDiemXuLy": _iso(event.at),
        "NgayTiepNhan": _iso(dossier.received_at),
        "NgayHenTra": _iso(dossier.appointment_at),
        "NgayKetThucXuLy": _iso(_first(events, statuses=ENDED)),
        "NgayTra": _iso(_first(events, statuses=frozenset({Status.RETURNED}))),
        "NgayTuChoi": _iso(_first(events, statuses=frozenset({Status.REFUSED}))),
        "SoLanYeuCauBoSung": len(rounds),
        "DanhSachHoSoBoSung": rounds,
        "HoSoCoThanhPhanSoHoa": int(papers.digitized),
        "DuocTaiSuDung": int(papers.reused),
        "DuongDanTepTinKetQua": _result_link(dossier, status),
        # Online payment does not exist in motcua yet (issue 14, item 3): unknown, sent as null.
        "DuocThanhToanTrucTuyen": None,
    }
