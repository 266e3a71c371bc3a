"""Searching the catalogue without accents, the same way on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from motcua.procedures.selectors import field_list, procedure_search
from motcua.procedures.services import procedure_create
from tests.factories import FieldFactory, ProcedureSpecFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(civil_status):
    FieldFactory(code="DD", name="Đất đai")
    FieldFactory(code="GPLX", name="Đường bộ")
    specs = [
        ProcedureSpecFactory(national_code="1.001193", name="Đăng ký khai sinh"),
        ProcedureSpecFactory(national_code="1.001022", name="Đăng ký khai tử"),
        ProcedureSpecFactory(national_code="1.012755", field_code="DD", name="Cấp Giấy chứng nhận lần đầu"),
        ProcedureSpecFactory(
            national_code="1.013171", field_code="GPLX", name="Đổi giấy phép lái xe", levels=("province",)
        ),
    ]
    for spec in specs:
        procedure_create(spec=spec, publish=True)
    procedure_create(spec=ProcedureSpecFactory(national_code="1.000001", name="Đăng ký nháp"))  # a draft only


def _codes(**kwargs) -> list[str]:
    return sorted(p.national_code for p in procedure_search(**kwargs))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang ky khai sinh", ["1.001193"]),
        ("Đăng ký khai sinh", ["1.001193"]),
        ("ĐĂNG KÝ", ["1.001022", "1.001193"]),
        ("dang ky", ["1.001022", "1.001193"]),
        ("đất đai", ["1.012755"]),
        ("dat dai", ["1.012755"]),
        ("DUONG BO", ["1.013171"]),
        ("đổi giấy", ["1.013171"]),
        ("doi giay phep", ["1.013171"]),
        ("1.0011", ["1.001193"]),
        ("khai tu", ["1.001022"]),
        ("nháp", []),
    ],
)
def test_search_ignores_accents_case_and_the_letter_d_with_stroke(catalogue, query, expected):
    assert _codes(query=query) == expected


def test_search_filters_by_field_and_level(catalogue):
    assert _codes(query="", field_code="HT") == ["1.001022", "1.001193"]
    assert _codes(query="", level="province") == ["1.013171"]
    assert _codes(query="dang ky", level="province") == []


def test_fields_with_a_published_procedure_are_listed(catalogue):
    FieldFactory(code="EMPTY", name="Không có thủ tục")
    assert {f.code for f in field_list()} == {"HT", "DD", "GPLX"}


@pytest.mark.postgres
def test_search_is_accent_insensitive_on_postgresql_too(catalogue, db_vendor):
    assert db_vendor == "postgresql"
    assert _codes(query="dat dai") == ["1.012755"]
    assert _codes(query="ĐỔI GIẤY PHÉP") == ["1.013171"]
