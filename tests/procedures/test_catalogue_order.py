"""Item 21: the catalogue lists procedures in Vietnamese alphabetical order, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import importlib

import pytest

from motcua.core.text import vietnamese_sort_key
from motcua.procedures.models import Procedure
from motcua.procedures.selectors import procedure_search
from tests.factories import ProcedureFactory, published_procedure

pytestmark = pytest.mark.django_db

# In Vietnamese order: a < ă < â, d < đ, o < ô < ơ, u < ư; tones only break ties (none, huyền, hỏi, ngã, sắc, nặng).
ORDERED = [
    "An toàn thực phẩm",
    "Ăn uống công cộng",
    "Ân giảm",
    "Cấp giấy phép xây dựng",
    "Cấp lại giấy phép",
    "Chứng thực bản sao",
    "Dân tộc",
    "Đăng ký kết hôn",  # letter by letter: "ke" before "kh" (no digraphs as letters, as modern dictionaries)
    "Đăng ký khai sinh",
    "Ô tô",
    "Ơn huệ",
    "Uỷ quyền",
    "Ưu đãi người có công",
]


def test_the_sort_key_puts_letters_then_tones_in_vietnamese_order():
    assert sorted(reversed(ORDERED), key=vietnamese_sort_key) == ORDERED
    assert sorted(["Cá", "Cạ", "Ca", "Cả", "Cà", "Cã"], key=vietnamese_sort_key) == ["Ca", "Cà", "Cả", "Cã", "Cá", "Cạ"]
    assert vietnamese_sort_key("ĐĂNG KÝ") == vietnamese_sort_key("đăng ký")
    assert vietnamese_sort_key("Ủy") == vietnamese_sort_key("Uỷ")  # the tone over either vowel
    assert set(vietnamese_sort_key("Ưu đãi, 2025!")) <= set("0123456789")


def test_the_catalogue_search_returns_vietnamese_order(db_vendor):
    for name in reversed(ORDERED):
        published_procedure(procedure=ProcedureFactory(name=name))
    assert [p.name for p in procedure_search()] == ORDERED
    assert [p.name for p in procedure_search(query="dang ky")] == ["Đăng ký kết hôn", "Đăng ký khai sinh"]


def test_the_portal_catalogue_page_lists_cap_before_dang_ky(client):
    for name in ("Đăng ký khai sinh", "Cấp giấy phép xây dựng", "Ưu đãi người có công", "Uỷ quyền"):
        published_procedure(procedure=ProcedureFactory(name=name))
    page = client.get("/thu-tuc/").content.decode()
    positions = [page.index(name) for name in ("Cấp giấy phép", "Đăng ký khai sinh", "Uỷ quyền", "Ưu đãi")]
    assert positions == sorted(positions)


def test_the_migration_fills_the_keys_of_procedures_already_stored():
    from django.apps import apps

    fill = importlib.import_module("motcua.procedures.migrations.0004_fill_procedure_sort_key").fill
    published_procedure(procedure=ProcedureFactory(name="Đăng ký khai sinh"))
    Procedure.objects.update(sort_key="")
    fill(apps, None)
    assert Procedure.objects.get().sort_key == vietnamese_sort_key("Đăng ký khai sinh")
