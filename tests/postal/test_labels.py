"""The label and the manifest print, read back: the text, and the barcode's bars decoded to the number."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import base64
import io
import re

import pytest
from pypdf import PdfReader

from motcua.dossiers.models import ReturnMethod
from motcua.postal.labels import CODE128, QUIET, code128_svg, label_html, label_pdf, manifest_pdf
from motcua.postal.models import PostalOrder
from motcua.postal.services.delivery import delivery_create_for
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import world  # noqa: F401 - the shared fixture

RECT = re.compile(r'<rect x="([\d.]+)" y="0" width="([\d.]+)"')


def decode_code128(svg: str) -> str:
    """Read the bars back: widths of bars and spaces → symbol values → check → text (code set B)."""
    bars = [(float(x), float(w)) for x, w in RECT.findall(svg)]
    widths, position = [], float(QUIET)
    for x, w in bars:
        if x > position:
            widths.append(round(x - position))
        widths.append(round(w))
        position = x + w
    patterns = {p: v for v, p in enumerate(CODE128)}
    symbols = ["".join(map(str, widths[i : i + 6])) for i in range(0, len(widths) - 7, 6)]
    assert "".join(map(str, widths[-7:])) == CODE128[106], "no stop symbol"
    values = [patterns[s] for s in symbols]
    start, *data, check = values
    assert start == 104, "not code set B"
    assert check == (start + sum(i * v for i, v in enumerate(data, start=1))) % 103, "bad check symbol"
    return "".join(chr(v + 32) for v in data)


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_code_128_table_is_well_formed():
    assert len(CODE128) == 107 and len(set(CODE128)) == 107
    assert all(sum(map(int, p)) == 11 for p in CODE128[:106]) and sum(map(int, CODE128[106])) == 13


@pytest.mark.parametrize("text", ["HS000000015VN", "KQ123456784VN", "a~ Z!"])
def test_the_barcode_decodes_back_to_its_text(text):
    assert decode_code128(code128_svg(text)) == text


def test_text_outside_code_set_b_is_refused():
    with pytest.raises(ValueError):
        code128_svg("Số 1")


@pytest.fixture
def order(world) -> PostalOrder:
    tariffs_load_demo()
    dossier = world.receive(return_method=ReturnMethod.POST, return_address="12 Trần Phú")
    return delivery_create_for(dossier=dossier)


def test_the_label_names_sender_and_recipient_and_carries_the_number(world, order):
    pdf = label_pdf(order)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (105, 148)  # A6
    text = text_of(pdf)
    for expected in (order.tracking_number, "NGƯỜI GỬI", world.office.name, "NGƯỜI NHẬN", "Nguyễn Văn An", "Trần Phú"):
        assert expected in text, expected
    html = label_html(order)
    svg_uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)" alt="' + order.tracking_number, html)
    assert svg_uri is not None
    assert decode_code128(base64.b64decode(svg_uri.group(1)).decode()) == order.tracking_number


def test_the_manifest_lists_the_results_handed_to_the_post(world, order):
    text = text_of(manifest_pdf([order], point=world.office, actor=world.clerk))
    assert "BIÊN BẢN BÀN GIAO" in text
    compact = "".join(text.split())  # narrow columns wrap the codes
    assert order.tracking_number in compact and order.dossier.code in compact and "NguyễnVănAn" in compact
    assert "BÊN NHẬN" in text
