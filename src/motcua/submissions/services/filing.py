"""The filer's steps: start a draft, choose where, fill in the e-form, add papers, choose the return, submit.

Each step saves at once (a draft survives a lost connection or a new session) and is refused once the submission
is no longer the filer's (``lifecycle.EDITABLE``). Submitting twice submits once: the row is locked and its status
checked (docs/submissions.md, "Drafts and submitting once")."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.citizens.models import CitizenAccount
from motcua.citizens.selectors import citizen_documents
from motcua.core.errors import ApplicationError
from motcua.core.identity import ID_NUMBER
from motcua.core.localtime import local_date
from motcua.documents.validation import validate_file
from motcua.dossiers.models import ReturnMethod
from motcua.dossiers.services.receive import version_parts
from motcua.localities.models import Commune
from motcua.procedures.eform import version_eform_fields
from motcua.procedures.fees import FeeQuote, fee_quote
from motcua.procedures.models import Component, ProcedureVersion, VersionStatus
from motcua.procedures.models import OnlineSubmission as OnlineLevel

from .. import errors
from ..conf import setting
from ..eform import eform_check
from ..lifecycle import EDITABLE, SubmissionAction, SubmissionStatus, next_status
from ..models import AssistConsent, OnlineSubmission, SubmissionPaper
from ..selectors import point_default, points_offered
from .history import submission_event_record, submission_locked


def _editable(submission: OnlineSubmission) -> OnlineSubmission:
    locked = submission_locked(submission)
    if locked.status not in EDITABLE:
        raise errors.not_editable(status=locked.get_status_display())
    return locked


def _initial_form_data(account: CitizenAccount) -> dict[str, str]:
    return {
        "applicant_name": account.full_name,
        "applicant_birth_date": account.birth_date.isoformat() if account.birth_date else "",
        "applicant_phone": account.phone,
        "applicant_email": account.email,
        "applicant_address": account.address,
    }


@transaction.atomic
def submission_start(
    *,
    account: CitizenAccount,
    version: ProcedureVersion,
    actor: Any,
    helper: Any = None,
    consent: AssistConsent | None = None,
) -> OnlineSubmission:
    """A new draft for ``version`` owned by ``account``; ``helper`` the clerk filing it with the citizen's consent."""
    if version.status != VersionStatus.PUBLISHED or version.online_submission == OnlineLevel.NONE:
        raise errors.procedure_not_online(code=version.procedure.national_code)
    if helper is not None and (consent is None or consent.owner_id != account.pk):
        raise errors.consent_not_valid()
    submission = OnlineSubmission.objects.create(
        owner=account,
        helper=helper,
        consent=consent,
        procedure_version=version,
        receiving_point=point_default(account=account),
        form_data=_initial_form_data(account),
    )
    payload = {"helper": str(helper)} if helper is not None else {}
    submission_event_record(
        submission=submission, action=SubmissionAction.START, from_status="", actor=actor, payload=payload
    )
    return submission


@transaction.atomic
def submission_point_choose(*, submission: OnlineSubmission, point_id: int | None) -> OnlineSubmission:
    submission = _editable(submission)
    point = points_offered().filter(pk=point_id).first() if point_id is not None else None
    if point is None:
        raise errors.point_not_offered()
    submission.receiving_point = point
    submission.save(update_fields=["receiving_point", "updated_at"])
    return submission


@transaction.atomic
def submission_applicant_save(*, submission: OnlineSubmission, data: Mapping[str, str]) -> OnlineSubmission:
    """Keep what the e-form's valid fields hold (the form checks them; the whole is checked again at submit)."""
    submission = _editable(submission)
    submission.form_data = {**submission.form_data, **{k: str(v) for k, v in data.items()}}
    submission.save(update_fields=["form_data", "updated_at"])
    return submission


def _paper_slot(submission: OnlineSubmission, component: Component | None) -> None:
    """Make room for a new paper: a checklist item holds one (the new one replaces it), and the count is bounded."""
    if component is not None:
        old = submission.papers.filter(component=component).first()
        if old is not None:
            _paper_delete(old)
    if submission.papers.count() >= setting("SUBMISSION_PAPERS_MAX"):
        raise errors.too_many_papers(limit=setting("SUBMISSION_PAPERS_MAX"))


def _paper_delete(paper: SubmissionPaper) -> None:
    stored = paper.file.name
    storage = paper.file.storage
    paper.delete()
    if stored:  # storage is not transactional: the file goes once the row is surely gone
        transaction.on_commit(lambda: storage.delete(stored))


def _component(submission: OnlineSubmission, component_id: int | None) -> Component | None:
    if component_id is None:
        return None
    component = Component.objects.filter(pk=component_id, version_id=submission.procedure_version_id).first()
    if component is None:
        raise errors.paper_not_found()
    return component


def submission_paper_upload(
    *, submission: OnlineSubmission, upload: UploadedFile, component_id: int | None = None, label: str = ""
) -> SubmissionPaper:
    """Check the file as a scan at the counter is checked (``documents.validation.validate_file``: the type from
    the bytes, size, pages, pixels), then keep it under the submission's folder as the paper of ``component_id``
    (replacing the one it had), or as one more paper named ``label``."""
    name = (upload.name or "file")[-200:]
    with tempfile.TemporaryDirectory(prefix="motcua-submission-") as tmp:
        path = Path(tmp) / "upload"
        with open(path, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        checked = validate_file(path, name=name)
    upload.seek(0)
    with transaction.atomic():
        submission = _editable(submission)
        component = _component(submission, component_id)
        _paper_slot(submission, component)
        paper = SubmissionPaper(
            submission=submission,
            component=component,
            label=(component.name if component else label.strip() or name)[:500],
            original_name=name[:255],
            kind=checked.kind,
            pages=checked.pages,
            size=checked.size,
        )
        paper.file.save(name, upload, save=False)
        paper.save()
        submission.save(update_fields=["updated_at"])
    return paper


@transaction.atomic
def submission_paper_reuse(*, submission: OnlineSubmission, component_id: int, document_uid: str) -> SubmissionPaper:
    """Use a document of the applicant's own data store (never anyone else's; never an expired one) for a paper."""
    submission = _editable(submission)
    component = _component(submission, component_id)
    owner = submission.owner
    document = citizen_documents(owner).filter(uid=document_uid).first() if owner and _uuid(document_uid) else None
    if document is None:
        raise errors.document_not_found()
    if document.valid_until is not None and document.valid_until < local_date():
        raise errors.document_expired(valid_until=document.valid_until.strftime("%d/%m/%Y"))
    _paper_slot(submission, component)
    paper = SubmissionPaper.objects.create(
        submission=submission,
        component=component,
        label=(component.name if component else document.title)[:500],
        document=document,
        kind="pdf",
        pages=document.pages,
    )
    submission.save(update_fields=["updated_at"])
    return paper


def _uuid(text: str) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


@transaction.atomic
def submission_paper_remove(*, submission: OnlineSubmission, paper_id: int) -> None:
    submission = _editable(submission)
    paper = submission.papers.filter(pk=paper_id).first()
    if paper is None:
        raise errors.paper_not_found()
    _paper_delete(paper)
    submission.save(update_fields=["updated_at"])


@transaction.atomic
def submission_result_save(
    *,
    submission: OnlineSubmission,
    return_method: str,
    commune: Commune | None = None,
    address: str = "",
    postage: int | None = None,
    fee_lines: Mapping[int, int] | None = None,
) -> OnlineSubmission:
    """How the result comes back (counter, post to an address in one of today's communes, electronically) and the
    fee lines that apply (the alternatives the procedure offers)."""
    submission = _editable(submission)
    version = submission.procedure_version
    if return_method not in ReturnMethod.values:
        raise errors.return_method_missing()
    if return_method == ReturnMethod.POST:
        if not version.postal_return:
            raise errors.return_method_not_offered()
        if commune is None or not address.strip():
            raise errors.return_address_missing()
    by_post = return_method == ReturnMethod.POST
    submission.return_method = return_method
    submission.return_commune = commune if by_post else None
    submission.return_address = address.strip()[:255] if by_post else ""
    submission.return_postage = postage if by_post else None
    submission.fee_lines = {str(k): int(v) for k, v in (fee_lines or {}).items()}
    submission.save(
        update_fields=[
            "return_method",
            "return_commune",
            "return_address",
            "return_postage",
            "fee_lines",
            "updated_at",
        ]
    )
    return submission


def submission_quote(submission: OnlineSubmission) -> FeeQuote:
    """The fees the submission will be charged once accepted (``procedures.fees.fee_quote``, the one rule)."""
    chosen = {int(k): int(v) for k, v in submission.fee_lines.items() if str(k).isdigit()}
    return fee_quote(fees=version_parts(submission.procedure_version).fees, chosen=chosen)


def submission_applicant_data(submission: OnlineSubmission) -> dict[str, Any]:
    """The applicant's data, checked: a web submission's against the e-form (``eform_check``); a national filing's
    as the portal gave it, which must at least name the applicant and their ID number or tax code."""
    if not submission.is_national:
        assert submission.owner is not None  # submission_web_has_owner
        return eform_check(
            form_data=submission.form_data,
            id_number=submission.owner.owner_number,
            declared_fields=version_eform_fields(submission.procedure_version),
        )
    data = {k: str(v) for k, v in submission.form_data.items() if isinstance(v, str)}
    if not data.get("applicant_name", "").strip():
        raise errors.national_applicant_incomplete(what=_("name"))
    if not ID_NUMBER.match(submission.id_number):
        raise errors.national_applicant_incomplete(what=_("ID number or tax code"))
    return data


def submission_problems(submission: OnlineSubmission) -> list[ApplicationError]:
    """What still stops the submission from being submitted (or accepted): the same check for the review page,
    the submit service and the acceptance. Empty when it is complete."""
    problems: list[ApplicationError] = []
    if submission.receiving_point is None:
        problems.append(errors.point_missing())
    try:
        submission_applicant_data(submission)
    except ApplicationError as error:
        problems.append(error)
    papers = list(submission.papers.select_related("document"))
    held = {paper.component_id for paper in papers}
    for component in version_parts(submission.procedure_version).mandatory_components:
        if component.pk not in held:
            problems.append(errors.paper_missing(name=component.name))
    today = local_date()
    for paper in papers:
        document = paper.document
        if document is None:
            continue
        if document.owner_id_number != submission.id_number:
            problems.append(errors.document_not_found())
        elif document.valid_until is not None and document.valid_until < today:
            problems.append(errors.document_expired(valid_until=document.valid_until.strftime("%d/%m/%Y")))
    if not submission.return_method:
        problems.append(errors.return_method_missing())
    elif submission.return_method == ReturnMethod.POST and not (
        submission.return_address and submission.return_commune_id
    ):
        problems.append(errors.return_address_missing())
    try:
        submission_quote(submission)
    except ApplicationError as error:
        problems.append(errors.fees_not_chosen(message=error.render()))
    return problems


@transaction.atomic
def submission_submit(*, submission: OnlineSubmission, actor: Any) -> OnlineSubmission:
    """Send the submission to the one-stop's online inbox. A second call (a double click, a retried request) finds
    it submitted already and changes nothing."""
    submission = submission_locked(submission)
    if submission.status == SubmissionStatus.SUBMITTED:
        return submission
    to = next_status(SubmissionAction.SUBMIT, submission.status)
    if to is None:
        raise errors.not_editable(status=submission.get_status_display())
    problems = submission_problems(submission)
    if problems:
        raise problems[0]
    from_status = submission.status
    submission.status = to
    submission.submitted_at = timezone.now()
    submission.save(update_fields=["status", "submitted_at", "updated_at"])
    submission_event_record(
        submission=submission,
        action=SubmissionAction.SUBMIT,
        from_status=from_status,
        actor=actor,
        payload={"papers": submission.papers.count()},
    )
    return submission
