"""Pull: the dossiers filed online on the national portal, into motcua's online inbox (docs/national-portal.md,
"Pull").

:func:`filing_pull` stores each filing the adapter lists once, as an :class:`IncomingFiling` (keyed by the national
dossier code ``MaHoSoQG``), and in the same transaction hands it to the online inbox (:func:`filing_take`): it
becomes a submitted online submission of origin "national". A filing the inbox cannot take stays visible on the
filings page with its reason: rejected when its procedure is unknown (pulling again cannot help), new when no
receiving point takes it (every later pull tries again, so setting ``NATIONAL_FILINGS_DEFAULT_POINT`` is enough).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime

from motcua.core.errors import ApplicationError
from motcua.core.input_guard import FORBIDDEN_CHARACTER
from motcua.submissions.models import OnlineSubmission, SubmissionOrigin
from motcua.submissions.services import submission_file_national

from .adapters import Adapter, adapter_for
from .models import FilingStatus, IncomingFiling

CODE_LENGTH = 60
# Refusals of the inbox that no later pull can change: the filing is rejected, not left waiting.
FINAL_REFUSALS = frozenset({"submission_national_procedure_unknown"})
RETAKE_LIMIT = 500


def _filed_at(value: object) -> datetime | None:
    parsed = parse_datetime(value) if isinstance(value, str) and len(value) <= 40 else None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


@transaction.atomic
def filing_take(*, filing: IncomingFiling) -> IncomingFiling:
    """Hand a new filing to the online inbox, under its row lock; a filing already taken or rejected is left as it
    is (taking twice makes one submission)."""
    locked = IncomingFiling.objects.select_for_update().get(pk=filing.pk)
    if locked.status != FilingStatus.NEW:
        return locked
    try:
        submission_file_national(national_code=locked.national_code, record=locked.record, filed_at=locked.filed_at)
    except ApplicationError as error:
        if error.code in FINAL_REFUSALS:
            locked.status = FilingStatus.REJECTED
        locked.reason = error.bilingual()[:2000]
    else:
        locked.reason = ""
    locked.save(update_fields=["status", "reason"])
    return locked


def _storable(value: Any) -> Any:
    """The record as a JSON column can keep it: characters no database text holds (NUL, lone surrogates; PostgreSQL
    refuses them in ``jsonb``) become U+FFFD, in keys and values at any depth, so the clerk still sees the rest and the
    check of the applicant's data refuses what was damaged."""
    if isinstance(value, str):
        return FORBIDDEN_CHARACTER.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value


def filing_pull(*, adapter: Adapter | None = None) -> int:
    """Store the dossiers filed online on the national portal that are not stored yet, each with its submission in
    the same transaction; then try again the filings still waiting. Returns how many were new."""
    created = 0
    for received in (adapter or adapter_for()).filed_online():
        item = _storable(received)
        code = item.get("MaHoSoQG") if isinstance(item, dict) else None
        if not isinstance(code, str) or not 0 < len(code) <= CODE_LENGTH or "\ufffd" in code:
            continue
        with transaction.atomic():
            filing, new = IncomingFiling.objects.get_or_create(
                national_code=code,
                defaults={
                    "record": item,
                    "procedure_code": str(item.get("MaTTHC", ""))[:CODE_LENGTH],
                    "applicant_name": str(item.get("ChuHoSo", ""))[:255],
                    "filed_at": _filed_at(item.get("NgayNopHoSo")),
                },
            )
            if new:
                filing_take(filing=filing)
        created += new
    in_inbox = OnlineSubmission.objects.filter(origin=SubmissionOrigin.NATIONAL).values("national_code")
    waiting = IncomingFiling.objects.filter(status=FilingStatus.NEW).exclude(national_code__in=in_inbox)
    for filing in waiting.order_by("received_at")[:RETAKE_LIMIT]:
        filing_take(filing=filing)
    return created
