"""E-forms of demo procedures: the fields of the declaration forms of Thông tư số 04/2020/TT-BTP (tờ khai đăng ký
khai sinh, tờ khai cấp Giấy xác nhận tình trạng hôn nhân, tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ
tịch), shortened to what the filer types; best knowledge, not verified against the published form templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..specs import EFormFieldSpec, ProcedureSpec

SEX = (("nam", "Nam"), ("nu", "Nữ"))


def text(key: str, label: str, label_en: str, *, required: bool = True, help: str = "", max_length: int = 100):
    return EFormFieldSpec(
        key=key, label=label, label_en=label_en, type="text", required=required, help=help, max_length=max_length
    )


def typed(key: str, label: str, label_en: str, type: str, *, required: bool = True, **more) -> EFormFieldSpec:
    return EFormFieldSpec(key=key, label=label, label_en=label_en, type=type, required=required, **more)


BIRTH = (
    text("child_name", "Họ, chữ đệm, tên của trẻ", "Child's full name"),
    typed("child_birth_date", "Ngày, tháng, năm sinh của trẻ", "Child's date of birth", "date"),
    typed("child_sex", "Giới tính", "Sex", "choice", options=SEX),
    text("child_ethnicity", "Dân tộc", "Ethnic group", max_length=50),
    text("birth_place", "Nơi sinh", "Place of birth", help="Tên cơ sở y tế, hoặc địa chỉ nơi sinh.", max_length=255),
    text("mother_name", "Họ, chữ đệm, tên của mẹ", "Mother's full name", required=False),
    typed("mother_id_number", "Số định danh cá nhân của mẹ", "Mother's ID number", "id_number", required=False),
    text("father_name", "Họ, chữ đệm, tên của cha", "Father's full name", required=False),
    typed("father_id_number", "Số định danh cá nhân của cha", "Father's ID number", "id_number", required=False),
    text("relationship", "Quan hệ với người được khai sinh", "Your relationship to the child", max_length=50),
)

MARITAL_STATUS = (
    typed(
        "marital_status",
        "Tình trạng hôn nhân hiện nay",
        "Current marital status",
        "choice",
        options=(
            ("chua_ket_hon", "Chưa đăng ký kết hôn với ai"),
            ("dang_co_vo_chong", "Đang có vợ/chồng"),
            ("da_ly_hon", "Đã ly hôn"),
            ("vo_chong_da_chet", "Vợ/chồng đã chết"),
        ),
    ),
    text("purpose", "Mục đích sử dụng giấy xác nhận", "What the certificate is for", max_length=255),
    typed(
        "for_marriage",
        "Dùng để đăng ký kết hôn",
        "Used to register a marriage",
        "yes_no",
        help="Nếu có, ghi rõ người dự định kết hôn ở ô dưới.",
    ),
    text("partner_name", "Họ tên người dự định kết hôn", "Name of the intended spouse", required=False),
    typed("copies", "Số bản đề nghị cấp", "Number of copies", "number", min=1, max=10),
)

CORRECTION = (
    typed(
        "change_kind",
        "Loại yêu cầu",
        "What you ask for",
        "choice",
        options=(("thay_doi", "Thay đổi"), ("cai_chinh", "Cải chính"), ("bo_sung", "Bổ sung")),
    ),
    text("record_number", "Số, quyển giấy tờ hộ tịch đã cấp", "Number and book of the record", max_length=50),
    typed("record_date", "Ngày đăng ký", "Date of registration", "date", required=False),
    text("content_before", "Nội dung ghi trong giấy tờ hộ tịch", "What the record says", max_length=255),
    text("content_after", "Nội dung đề nghị ghi lại", "What it should say", max_length=255),
    typed("reason", "Lý do", "Reason", "long_text", max_length=1000),
)

EFORMS: dict[str, tuple[EFormFieldSpec, ...]] = {
    "1.001193": BIRTH,
    "1.004873": MARITAL_STATUS,
    "1.004859": CORRECTION,
}


def with_eforms(specs: Iterable[ProcedureSpec]) -> tuple[ProcedureSpec, ...]:
    """The demo specs, those of :data:`EFORMS` with their e-form."""
    return tuple(replace(spec, eform_fields=EFORMS.get(spec.national_code, spec.eform_fields)) for spec in specs)
