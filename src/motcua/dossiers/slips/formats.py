"""Vietnamese presentation for official slips: dates, labels. Slips are always in Vietnamese, so the labels
here do not depend on the translation catalogue."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

FORM_VI = {
    "original": "Bản chính",
    "copy": "Bản sao",
    "certified_copy": "Bản sao chứng thực",
    "original_or_copy": "Bản chính hoặc bản sao chứng thực",
    "shown": "Bản chính để đối chiếu",
    "electronic": "Bản điện tử",
}
FEE_KIND_VI = {"fee": "Phí", "charge": "Lệ phí"}
TIME_UNIT_VI = {"working_days": "ngày làm việc", "calendar_days": "ngày", "working_hours": "giờ làm việc"}
RETURN_VI = {"counter": "Tại bộ phận tiếp nhận và trả kết quả", "post": "Qua dịch vụ bưu chính công ích"}
RESULT_VI = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn", "": ""}
APPLICANT_KIND_VI = {"citizen": "Cá nhân", "organization": "Tổ chức"}
STATUS_VI = {
    "received": "Đã tiếp nhận",
    "refused": "Từ chối tiếp nhận",
    "in_process": "Đang giải quyết",
    "supplement_requested": "Chờ bổ sung hồ sơ",
    "obligation_requested": "Chờ thực hiện nghĩa vụ tài chính",
    "withdrawn": "Dừng giải quyết theo đề nghị của người nộp",
    "stopped": "Dừng giải quyết",
    "approved": "Đã có kết quả",
    "not_approved": "Không đủ điều kiện giải quyết",
    "result_at_counter": "Kết quả tại bộ phận một cửa",
    "result_with_post": "Kết quả đã chuyển bưu chính",
    "returned": "Đã trả kết quả",
}


def local(value: datetime) -> datetime:
    return timezone.localtime(value)


def vn_datetime(value: datetime | None) -> str:
    """``14:30 25/11/2026`` in local time (the form's "hh:mm dd/mm/yyyy")."""
    return local(value).strftime("%H:%M %d/%m/%Y") if value else ""


def vn_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    return value.strftime("%d/%m/%Y")


def vn_long_date(value: date | datetime) -> str:
    """``ngày 25 tháng 11 năm 2026`` for the place-and-date line."""
    if isinstance(value, datetime):
        value = local(value).date()
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def vn_number(value: Decimal | int) -> str:
    """``5``, ``1,5``: a decimal without trailing zeros, Vietnamese decimal comma."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def vn_time_limit(version: Any) -> str:
    """A procedure version's statutory time limit: ``5 ngày làm việc``, ``Trong ngày (nhận trước 15:00)``."""
    if version.same_day_cutoff:
        return f"Trong ngày (hồ sơ nhận trước {settings.WORKDAY_SAME_DAY_CUTOFF})"
    return f"{vn_number(version.time_limit)} {TIME_UNIT_VI.get(version.time_limit_unit, '')}".strip()
