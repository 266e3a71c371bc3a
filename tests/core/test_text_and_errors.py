import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.errors import ApplicationError
from motcua.core.templatetags.motcua import vnd
from motcua.core.text import fold

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("  Chứng thực   bản sao ", "chung thuc ban sao"),
        ("ĐỒNG THÁP", "dong thap"),
        ("Phường Hoàn Kiếm", "phuong hoan kiem"),
    ],
)
def test_fold_strips_vietnamese_diacritics_and_case(text, folded):
    assert fold(text) == folded


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ", max_size=40))
def test_folded_vietnamese_is_plain_ascii_and_folding_is_idempotent(text):
    folded = fold(text)
    assert folded.isascii()
    assert fold(folded) == folded


def test_money_is_shown_in_dong_with_vietnamese_or_english_grouping():
    with translation.override("vi"):
        assert vnd(33000) == "33.000 ₫"
    with translation.override("en"):
        assert vnd(1250000) == "1,250,000 VND"
    assert vnd(None) == ""


def test_an_application_error_speaks_vietnamese_and_english():
    error = ApplicationError(
        "demo_code",
        _("Only a draft can be published; version %(number)s is %(status)s."),
        params={"number": 2, "status": "x"},
    )
    messages = error.messages()
    assert messages["en"] == "Only a draft can be published; version 2 is x."
    assert error.code == "demo_code"
    assert error.bilingual().endswith(messages["en"])
