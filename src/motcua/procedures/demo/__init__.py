"""The demo catalogue: 43 commonly used procedures, committed as reviewable Python data.

Codes, fees, time limits and legal bases are best knowledge from public sources, NOT verified against the
National Public Service Portal; they show the shape of real procedures and must not guide a citizen.
The catalogue is loaded through the same import service as an uploaded workbook, so loading the demo
exercises the parser and every validator; ``manage.py export_procedures --demo FILE.xlsx`` writes it as an
example workbook.
"""

from __future__ import annotations

from ..exchange import ImportSummary, Tables, procedures_import_tables, specs_to_tables
from ..specs import ProcedureSpec
from . import business_construction, civil_status, justice, land, province_services, social
from .eforms import with_eforms

DEMO_FIELDS: dict[str, str] = {
    "HT": "Hộ tịch",
    "CT": "Chứng thực",
    "LLTP": "Lý lịch tư pháp",
    "DD": "Đất đai",
    "HKD": "Đăng ký hộ kinh doanh",
    "XD": "Hoạt động xây dựng",
    "BTXH": "Bảo trợ xã hội",
    "NCC": "Người có công",
    "GPLX": "Đường bộ – Giấy phép lái xe",
    "GD": "Giáo dục và Đào tạo",
    "YT": "Y tế",
}

DEMO_PROCEDURES: tuple[ProcedureSpec, ...] = with_eforms(
    (
        *civil_status.PROCEDURES,
        *justice.PROCEDURES,
        *land.PROCEDURES,
        *business_construction.PROCEDURES,
        *social.PROCEDURES,
        *province_services.PROCEDURES,
    )
)


def demo_tables() -> Tables:
    """The demo catalogue as the four sheets of the workbook format."""
    return specs_to_tables(DEMO_PROCEDURES, DEMO_FIELDS)


def procedures_import_demo(*, actor=None) -> ImportSummary:
    return procedures_import_tables(tables=demo_tables(), source="demo", actor=actor)


def procedures_load_demo() -> dict[str, int]:
    """Load (or bring up to date) the demo catalogue. Idempotent: a second run writes nothing."""
    summary = procedures_import_demo()
    return {
        "procedures": summary.procedures,
        "procedures_created": summary.procedures_created,
        "procedure_versions_created": summary.versions_created,
        "procedure_fields_created": summary.fields_created,
    }
