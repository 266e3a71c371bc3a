"""What a citizen does from My dossiers, and what the point's clerk does with it (docs/my-dossiers.md).

A supplement sent online and a request to stop processing wait for the one-stop: the clerk of the point that
received the dossier records the supplement with the counter's own service (``dossier_supplement_record``), or
carries out the stop with ``dossier_withdraw``; either may decline with a reason, which the citizen reads. A change
of return method and an electronic return are the dossiers app's services; here they are only called.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.agencies.selectors import user_may_receive_at
from motcua.audit.services import audit_event_append
from motcua.citizens.models import CitizenAccount
from motcua.documents.validation import CheckedFile, validate_file
from motcua.dossiers.checks import action_refusal
from motcua.dossiers.lifecycle import Action, Status, transition_for
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.services.electronic import dossier_return_electronic, dossier_return_method_change
from motcua.dossiers.services.supplement import SupplementPaper, dossier_supplement_record
from motcua.dossiers.services.transitions import dossier_withdraw
from motcua.dossiers.supplements import supplement_request_open
from motcua.localities.models import Commune
from motcua.postal.tariffs import return_postage_quote
from motcua.procedures.models import ComponentForm

from . import errors
from .models import CitizenSupplement, CitizenSupplementFile, RequestStatus, StopRequest

# The name a paper sent online is recorded under on the dossier (the slips print it in Vietnamese).
ONLINE_PAPER = "Bổ sung qua Cổng (trực tuyến): %s"


def _audited(*, verb: str, actor: Any, dossier: Dossier, **payload: Any) -> None:
    audit_event_append(
        action=f"mydossiers.{verb}",
        actor=actor,
        object_type="dossiers.dossier",
        object_id=dossier.code,
        payload=payload,
    )


# --- supplement sent online ------------------------------------------------------------------------------------


def _checked(upload: UploadedFile, folder: str) -> CheckedFile:
    """The upload written to ``folder`` and checked like a scan (type from the bytes, size, pages)."""
    name = os.path.basename(upload.name or "") or "tep"
    path = Path(folder) / f"{len(os.listdir(folder))}"
    with open(path, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return validate_file(path, name=name[:255])


@transaction.atomic
def citizen_supplement_submit(
    *, account: CitizenAccount, dossier: Dossier, files: Sequence[UploadedFile], note: str = ""
) -> CitizenSupplement:
    """Keep the papers the applicant sent for the open supplement request, pending the clerk. Every file is
    checked before anything is stored: all are kept or none."""
    request = supplement_request_open(dossier=dossier)
    if request is None:
        raise errors.supplement_not_requested()
    if not files:
        raise errors.supplement_no_files()
    limit = settings.MY_DOSSIERS_SUPPLEMENT_MAX_FILES
    if len(files) > limit:
        raise errors.supplement_too_many_files(limit=limit)
    if CitizenSupplement.objects.filter(
        dossier=dossier, request_seq=request.seq, status=RequestStatus.PENDING
    ).exists():
        raise errors.supplement_already_sent()
    with tempfile.TemporaryDirectory(prefix="motcua-supplement-") as folder:
        checked = [_checked(upload, folder) for upload in files]
        try:
            with transaction.atomic():
                supplement = CitizenSupplement.objects.create(
                    dossier=dossier, account=account, request_seq=request.seq, note=note.strip()
                )
        except IntegrityError:  # sent twice at once: the first one stands
            raise errors.supplement_already_sent() from None
        for item in checked:
            paper = CitizenSupplementFile(supplement=supplement, name=item.name, kind=item.kind, pages=item.pages)
            paper.size = item.size
            with open(item.path, "rb") as handle:
                paper.file.save(item.name, File(handle), save=False)
            paper.save()
    _audited(verb="supplement_sent", actor=account.user, dossier=dossier, files=len(checked), seq=request.seq)
    return supplement


def _may_handle(*, user: Any, dossier: Dossier, action: Action) -> bool:
    """The clerk of the point that received the dossier, who may take the lifecycle action now."""
    return user_may_receive_at(user=user, point=dossier.receiving_point) and (
        action_refusal(action=action, dossier=dossier, user=user) is None
    )


def _pending(model: type[CitizenSupplement] | type[StopRequest], pk: int) -> Any:
    item = model.objects.select_for_update().select_related("dossier", "account").get(pk=pk)
    if item.status != RequestStatus.PENDING:
        raise errors.request_already_handled()
    return item


def _close(item: Any, *, actor: Any, status: RequestStatus, answer: str = "") -> None:
    item.status, item.handled_by, item.handled_at, item.answer = status, actor, timezone.now(), answer
    item.save(update_fields=["status", "handled_by", "handled_at", "answer"])


@transaction.atomic
def citizen_supplement_record(*, supplement: CitizenSupplement, actor: Any) -> Dossier:
    """The clerk accepts the papers sent online: recorded as the counter records a supplement (the clock runs
    again), one paper per file, its file kept as the paper's scan."""
    supplement = _pending(CitizenSupplement, supplement.pk)
    if not _may_handle(user=actor, dossier=supplement.dossier, action=Action.RECEIVE_SUPPLEMENT):
        raise errors.request_not_permitted()
    files = list(supplement.files.all())
    papers = [SupplementPaper(name=ONLINE_PAPER % f.name, form=ComponentForm.ELECTRONIC) for f in files]
    scans = {index: f.file for index, f in enumerate(files)}
    dossier = dossier_supplement_record(
        dossier=supplement.dossier, actor=actor, papers=papers, scans=scans, note=supplement.note
    )
    _close(supplement, actor=actor, status=RequestStatus.DONE)
    return dossier


@transaction.atomic
def citizen_supplement_decline(*, supplement: CitizenSupplement, actor: Any, reason: str) -> CitizenSupplement:
    """The clerk does not accept the papers sent online; the citizen reads why and may send others."""
    supplement = _pending(CitizenSupplement, supplement.pk)
    if not user_may_receive_at(user=actor, point=supplement.dossier.receiving_point):
        raise errors.request_not_permitted()
    if not reason.strip():
        raise errors.reason_required()
    _close(supplement, actor=actor, status=RequestStatus.DECLINED, answer=reason.strip())
    _audited(verb="supplement_declined", actor=actor, dossier=supplement.dossier, seq=supplement.request_seq)
    return supplement


# --- request to stop processing --------------------------------------------------------------------------------


def stop_request_refusal(*, dossier: Dossier) -> Any:
    """Why the applicant may not ask to stop now (the lifecycle's withdraw sources; one request at a time)."""
    if dossier.status not in transition_for(Action.WITHDRAW).sources:
        return errors.stop_not_possible(status=Status(dossier.status).label)
    if StopRequest.objects.filter(dossier=dossier, status=RequestStatus.PENDING).exists():
        return errors.stop_already_requested()
    return None


@transaction.atomic
def stop_request_submit(*, account: CitizenAccount, dossier: Dossier, reason: str) -> StopRequest:
    refusal = stop_request_refusal(dossier=dossier)
    if refusal is not None:
        raise refusal
    if not reason.strip():
        raise errors.reason_required()
    try:
        with transaction.atomic():
            request = StopRequest.objects.create(dossier=dossier, account=account, reason=reason.strip())
    except IntegrityError:
        raise errors.stop_already_requested() from None
    _audited(verb="stop_requested", actor=account.user, dossier=dossier)
    return request


@transaction.atomic
def stop_request_carry_out(*, request: StopRequest, actor: Any) -> Dossier:
    """The clerk stops processing at the applicant's request (slip 05), with their reason."""
    request = _pending(StopRequest, request.pk)
    if not _may_handle(user=actor, dossier=request.dossier, action=Action.WITHDRAW):
        raise errors.request_not_permitted()
    dossier = dossier_withdraw(dossier=request.dossier, actor=actor, reason=request.reason)
    _close(request, actor=actor, status=RequestStatus.DONE)
    return dossier


@transaction.atomic
def stop_request_decline(*, request: StopRequest, actor: Any, reason: str) -> StopRequest:
    request = _pending(StopRequest, request.pk)
    if not user_may_receive_at(user=actor, point=request.dossier.receiving_point):
        raise errors.request_not_permitted()
    if not reason.strip():
        raise errors.reason_required()
    _close(request, actor=actor, status=RequestStatus.DECLINED, answer=reason.strip())
    _audited(verb="stop_declined", actor=actor, dossier=request.dossier)
    return request


# --- how the result comes back ---------------------------------------------------------------------------------


def commune_on_map(code: str) -> Commune:
    """The commune of today's map with this code, or the error naming the input."""
    commune = Commune.objects.select_related("province").filter(pk=code.strip()).first() if code.strip() else None
    if commune is None:
        raise errors.commune_not_on_map(value=code)
    return commune


def delivery_postage(*, dossier: Dossier, commune: Commune) -> int:
    """The postage of the result's delivery from the dossier's point to ``commune`` (the postal tariff)."""
    return int(return_postage_quote(point=dossier.receiving_point, commune=commune).price)


def delivery_book(*, account: CitizenAccount, dossier: Dossier, address: str, commune_code: str) -> Dossier:
    """Have the result delivered by post to ``address`` in the commune ``commune_code``, postage quoted now."""
    commune = commune_on_map(commune_code)
    street = address.strip()
    full = f"{street}, {commune.name}, {commune.province.name}" if street else ""
    return dossier_return_method_change(
        dossier=dossier,
        actor=account.user,
        method=ReturnMethod.POST,
        address=full,
        commune_code=commune.code,
        postage=delivery_postage(dossier=dossier, commune=commune),
    )


def return_method_choose(*, account: CitizenAccount, dossier: Dossier, method: str) -> Dossier:
    """Back to the counter, or electronically (by post goes through :func:`delivery_book`)."""
    return dossier_return_method_change(dossier=dossier, actor=account.user, method=method)


def electronic_result_received(*, account: CitizenAccount, dossier: Dossier) -> bool:
    """The applicant downloads the electronic result: the first download records its return."""
    return dossier_return_electronic(
        dossier=dossier,
        actor=account.user,
        collector_name=account.full_name,
        collector_id_number=account.owner_number,
    )
