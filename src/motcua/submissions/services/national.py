"""Dossiers filed on the National Public Service Portal, into the online inbox (docs/submissions.md, "Filed on the
national portal").

:func:`submission_file_national` turns the record of one filing (``national.IncomingFiling.record``, pulled by
``manage.py national_pull``) into a submitted :class:`OnlineSubmission` of origin "national", once per national
dossier code; the clerk then accepts, asks for a supplement or refuses it as any online submission.
:func:`national_filing_settle` tells the stored filing what became of it (taken with its dossier, or rejected).

The record's field names follow what public one-stop systems exchange with the portal (``MaHoSoQG``, ``MaTTHC``,
``ChuHoSo``, ``SoGiayToChuHoSo``, ``TaiLieuNop``…); the portal's list of filed dossiers itself is not public, so
``MaDonVi`` (the receiving unit) and ``DiaChiChuHoSo`` (the applicant's address) are unverified names.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.citizens.models import CitizenAccount
from motcua.core.text import fold
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.national.models import FilingStatus, IncomingFiling
from motcua.procedures.models import Component, Procedure, ProcedureVersion, VersionStatus

from .. import errors
from ..conf import setting
from ..lifecycle import SubmissionAction, SubmissionStatus
from ..models import OnlineSubmission, SubmissionOrigin, SubmissionPaper
from .history import submission_event_record

# Form data key → (record field, longest kept). The ID number is the account's when one exists.
APPLICANT_FIELDS = {
    "applicant_name": ("ChuHoSo", 255),
    "applicant_phone": ("SoDienThoai", 20),
    "applicant_email": ("Email", 254),
    "applicant_address": ("DiaChiChuHoSo", 255),
    "request_content": ("TrichYeuHoSo", 2000),
    "national_unit": ("MaDonVi", 60),
}
ORGANIZATION_KINDS = {"2", "4"}  # LoaiDoiTuong: 1 citizen, 2 business, 3 state agency, 4 organization or other
REMOVED = {"1", "true", "True"}
_url = URLValidator(schemes=["https", "http"])


def _text(record: dict[str, Any], name: str, limit: int) -> str:
    value = record.get(name)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return " ".join(str(value).replace("\x00", "").split())[:limit]


def _id_number(record: dict[str, Any]) -> str:
    """``SoGiayToChuHoSo``, else the first of ``DinhDanhCHS`` (``SoDinhDanh``)."""
    number = _text(record, "SoGiayToChuHoSo", 13)
    identifiers = record.get("DinhDanhCHS")
    if not number and isinstance(identifiers, list) and identifiers and isinstance(identifiers[0], dict):
        number = _text(identifiers[0], "SoDinhDanh", 13)
    return number


def national_version(*, code: str) -> ProcedureVersion | None:
    """The published current version of the procedure with this national code, or None."""
    procedure = Procedure.objects.filter(national_code=code).select_related("current_version").first() if code else None
    version = procedure.current_version if procedure is not None else None
    return version if version is not None and version.status == VersionStatus.PUBLISHED else None


def national_point(*, unit: str) -> ReceivingPoint | None:
    """The receiving point whose code is the record's unit, else the one of ``NATIONAL_FILINGS_DEFAULT_POINT``."""
    points = ReceivingPoint.objects.filter(is_active=True, is_training=False)
    found = points.filter(code=unit).first() if unit else None
    default = str(setting("NATIONAL_FILINGS_DEFAULT_POINT") or "")
    return found or (points.filter(code=default).first() if default else None)


def _link(value: object) -> str:
    if not isinstance(value, str) or len(value) > 1000:
        return ""
    try:
        _url(value)
    except ValidationError:
        return ""
    return value


def _papers(record: dict[str, Any], version: ProcedureVersion) -> list[tuple[str, str, Component | None]]:
    """The papers the record lists (``TaiLieuNop``: ``TenTepDinhKem``, ``DuongDanTaiTepTin``), each matched to the
    checklist item of the same name (accents and case aside) when there is one, once per item."""
    items = record.get("TaiLieuNop")
    if not isinstance(items, list):
        return []
    by_name = {fold(c.name): c for c in Component.objects.filter(version=version)}
    papers: list[tuple[str, str, Component | None]] = []
    used: set[int] = set()
    for item in items[: setting("SUBMISSION_PAPERS_MAX")]:
        if not isinstance(item, dict) or str(item.get("IsDeleted", "")) in REMOVED:
            continue
        name = _text(item, "TenTepDinhKem", 500)
        if not name:
            continue
        component = by_name.get(fold(name.rsplit(".", 1)[0])) or by_name.get(fold(name))
        if component is not None and component.pk in used:
            component = None
        if component is not None:
            used.add(component.pk)
        papers.append((component.name if component else name, _link(item.get("DuongDanTaiTepTin")), component))
    return papers


def _form_data(record: dict[str, Any], *, id_number: str) -> dict[str, str]:
    data = {key: _text(record, name, limit) for key, (name, limit) in APPLICANT_FIELDS.items()}
    data["applicant_id_number"] = id_number
    data["applicant_kind"] = "organization" if _text(record, "LoaiDoiTuong", 2) in ORGANIZATION_KINDS else "citizen"
    return data


@transaction.atomic
def submission_file_national(
    *, national_code: str, record: dict[str, Any], filed_at: datetime | None = None
) -> OnlineSubmission:
    """The submitted submission of one national filing, created once: the same code again answers the first one.

    Refused (nothing is written) when the procedure is unknown (``national_procedure_unknown``) or no receiving point
    takes it (``national_point_unknown``)."""
    existing = OnlineSubmission.objects.filter(origin=SubmissionOrigin.NATIONAL, national_code=national_code).first()
    if existing is not None:
        return existing
    code = _text(record, "MaTTHC", 60)
    version = national_version(code=code)
    if version is None:
        raise errors.national_procedure_unknown(code=code)
    unit = _text(record, "MaDonVi", 60)
    point = national_point(unit=unit)
    if point is None:
        raise errors.national_point_unknown(unit=unit)
    id_number = _id_number(record)
    owner = CitizenAccount.objects.filter(owner_number=id_number).first() if id_number else None
    # The national result delivery (HinhThuc: 0 at the office, 1 by post) carries no delivery address we know of:
    # the result is kept for collection at the receiving point (docs/submissions.md).
    submission = OnlineSubmission.objects.create(
        origin=SubmissionOrigin.NATIONAL,
        national_code=national_code,
        owner=owner,
        procedure_version=version,
        receiving_point=point,
        form_data=_form_data(record, id_number=id_number),
        return_method=ReturnMethod.COUNTER,
        status=SubmissionStatus.SUBMITTED,
        submitted_at=filed_at or timezone.now(),
    )
    papers = _papers(record, version)
    SubmissionPaper.objects.bulk_create(
        SubmissionPaper(submission=submission, component=component, label=label, link=link, remote=True, kind="")
        for label, link, component in papers
    )
    submission_event_record(
        submission=submission,
        action=SubmissionAction.SUBMIT,
        from_status="",
        actor=None,
        payload={"national_code": national_code, "papers": len(papers)},
    )
    return submission


def national_filing_settle(
    *, submission: OnlineSubmission, status: str, dossier: Dossier | None = None, reason: str = ""
) -> None:
    """Tell the stored filing of a national submission what became of it: taken (with its dossier) or rejected."""
    if not submission.is_national:
        return
    IncomingFiling.objects.filter(national_code=submission.national_code).update(
        status=status, dossier=dossier if status == FilingStatus.TAKEN else None, reason=reason[:2000]
    )
