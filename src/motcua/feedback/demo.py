"""Demo feedback: a rating of the returned demo dossier and a petition waiting for its answer.

Bùi Thị Nga rates her returned dossier through the link of her notification; Trần Văn Bình, signed in, files a
petition about the handling of his dossier, which the one-stop supervisor ``onestop`` has accepted for handling, so
it waits for the answer in /giam-sat/phan-anh/. Made through the services. Needs the demo dossiers, users and the
citizen side's demo (``mydossiers_load_demo``: Bình's account). Idempotent: a rated dossier, or a petition of
Bình's about his dossier, is left as it is.
"""

from __future__ import annotations

from django.db import transaction

from motcua.accounts.models import User
from motcua.citizens.models import CitizenAccount
from motcua.dossiers.models import Dossier
from motcua.mydossiers.demo import BINH

from .lifecycle import ComplaintStatus
from .models import Category, Complaint, DossierRating, RatingSource, Score
from .services.complaints import complaint_acknowledge, complaint_file
from .services.ratings import dossier_rate

RATED = "042070008888"  # Bùi Thị Nga, whose demo dossier is returned
HANDLER = "onestop"


@transaction.atomic
def feedback_load_demo() -> dict[str, int]:
    returned = Dossier.objects.get(applicant_id_number=RATED)
    if not DossierRating.objects.filter(dossier=returned).exists():
        dossier_rate(
            dossier=returned,
            score=Score.SATISFIED,
            reasons=["fast", "helpful"],
            comment="Nhân viên bưu điện hướng dẫn tận tình, nhận kết quả đúng hẹn.",
            source=RatingSource.LINK,
        )
    account = CitizenAccount.objects.get(owner_number=BINH)
    dossier = Dossier.objects.get(applicant_id_number=BINH)
    if not Complaint.objects.filter(account=account, dossier=dossier).exists():
        complaint = complaint_file(
            name=account.full_name,
            phone=account.phone,
            email=account.email,
            category=Category.HANDLING,
            subject="Chưa nhận được thông báo về tiến độ chứng thực",
            body=(
                "Tôi nộp hồ sơ chứng thực bản sao tại Bưu điện Thành Sen nhưng chưa nhận được tin nhắn nào về "
                "tiến độ giải quyết. Đề nghị cơ quan cho biết hồ sơ đang ở bước nào và khi nào tôi nhận được kết quả."
            ),
            account=account,
            dossier=dossier,
        )
        complaint_acknowledge(complaint=complaint, user=User.objects.get(username=HANDLER))
    return {
        "dossier_ratings": DossierRating.objects.count(),
        "complaints_waiting_for_answer": Complaint.objects.filter(status=ComplaintStatus.ACKNOWLEDGED).count(),
    }
