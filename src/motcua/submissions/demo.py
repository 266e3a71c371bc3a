"""Demo online submissions of Nguyễn Thị Hạnh, made through the filer's services as her browser would make them.

One is submitted and waits in the online inbox of the demo point (the clerk ``clerk`` sees it at /quay/truc-tuyen/),
reusing the two papers of her data store; one is a draft she has started. Needs the citizen side's demo
(``mydossiers_load_demo``: her account and papers). Idempotent: a submission of hers for the same procedure is
left as it is.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from motcua.agencies.models import ReceivingPoint
from motcua.citizens.models import CitizenAccount
from motcua.documents.models import Document
from motcua.dossiers.models import ReturnMethod
from motcua.mydossiers.demo import DEMO_PAPERS, HANH, POINT, demo_pdf
from motcua.procedures.models import Procedure

from .lifecycle import SubmissionStatus
from .models import OnlineSubmission
from .services import (
    submission_applicant_save,
    submission_paper_reuse,
    submission_paper_upload,
    submission_point_choose,
    submission_result_save,
    submission_start,
    submission_submit,
)

# Correcting civil-status information: the declaration uploaded, the birth extract to correct and the residence
# confirmation as the ground for the correction reused from her data store.
SUBMITTED = "1.004859"
# A marital-status certificate: started, the applicant's data saved, no papers yet.
DRAFT = "1.004873"
EXTRACT, RESIDENCE = DEMO_PAPERS[0].kind, DEMO_PAPERS[1].kind
# The e-form beside what the account holds already (name, birth date, contacts, address).
FORM = {
    "applicant_commune": "18073",
    "request_content": "Cải chính tên đệm của cha trong Trích lục khai sinh (ghi sai “Hoà” thành “Hòa”).",
}
# The e-form procedure 1.004859 declares (motcua.procedures.demo.eforms.CORRECTION).
CORRECTION = {
    "change_kind": "cai_chinh",
    "record_number": "Số 125, quyển 01/1995",
    "record_date": "1995-03-14",
    "content_before": "Tên đệm của cha: Hoà",
    "content_after": "Tên đệm của cha: Hòa",
    "reason": "Ghi sai dấu thanh trong tên đệm của cha khi đăng ký khai sinh.",
}


def _start(account: CitizenAccount, code: str, point: ReceivingPoint) -> tuple[OnlineSubmission | None, Any]:
    """A new draft of ``account`` for procedure ``code`` at ``point``, or None when she has one already."""
    version = Procedure.objects.get(national_code=code).current_version
    if version is None:
        raise ValueError(f"demo procedure {code} has no published version")
    if account.submissions.filter(procedure_version__procedure__national_code=code).exists():
        return None, version
    submission = submission_start(account=account, version=version, actor=account.user)
    submission = submission_point_choose(submission=submission, point_id=point.pk)
    data = {**FORM, **CORRECTION} if code == SUBMITTED else FORM
    return submission_applicant_save(submission=submission, data=data), version


def _component(version: Any, order: int) -> int:
    return int(version.components.get(order=order).pk)


def _document(kind: str) -> str:
    return str(Document.objects.get(owner_id_number=HANH, kind=kind).uid)


@transaction.atomic
def submissions_load_demo() -> dict[str, int]:
    account = CitizenAccount.objects.get(owner_number=HANH)
    point = ReceivingPoint.objects.get(code=POINT)
    submission, version = _start(account, SUBMITTED, point)
    if submission is not None:
        declaration = demo_pdf(
            title="Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
            head="Kính gửi: Ủy ban nhân dân phường Thành Sen",
            lines=(
                "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hạnh",
                "Số định danh cá nhân: 042195001111",
                f"Đề nghị: {FORM['request_content']}",
            ),
        )
        upload = SimpleUploadedFile("to-khai-cai-chinh.pdf", declaration, content_type="application/pdf")
        submission_paper_upload(submission=submission, upload=upload, component_id=_component(version, 1))
        submission_paper_reuse(
            submission=submission, component_id=_component(version, 2), document_uid=_document(RESIDENCE)
        )
        submission_paper_reuse(
            submission=submission, component_id=_component(version, 3), document_uid=_document(EXTRACT)
        )
        submission_result_save(submission=submission, return_method=ReturnMethod.COUNTER)
        submission_submit(submission=submission, actor=account.user)
    _start(account, DRAFT, point)
    mine = OnlineSubmission.objects.filter(owner=account)
    return {
        "online_submissions_waiting": mine.filter(status=SubmissionStatus.SUBMITTED).count(),
        "online_drafts": mine.filter(status=SubmissionStatus.DRAFT).count(),
    }
