"""The planner's charts: each is one accessible SVG (a title and a text alternative), labels are escaped, and
numbers are written the Vietnamese way."""

from __future__ import annotations

import re

from django.utils import translation

from motcua.core import charts


def test_a_chart_has_a_title_and_a_text_alternative_it_is_labelled_by():
    svg = str(charts.bars(title="Chi phí", desc="Hai cột", series=[charts.Series("A", "#000")], groups=[("x", [1.0])]))
    assert svg.startswith("<svg") and svg.endswith("</svg>") and 'role="img"' in svg
    labelled_by = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    assert [re.search(rf'<(\w+) id="{ident}">', svg).group(1) for ident in labelled_by] == ["title", "desc"]
    assert "<title" in svg and ">Chi phí</title>" in svg and ">Hai cột</desc>" in svg


def test_labels_are_escaped():
    svg = str(charts.heatmap(title="<b>", desc="&", rows=["<script>"], columns=["1"], values=[[2.0]]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg


def test_numbers_are_written_the_vietnamese_way_in_vietnamese():
    with translation.override("vi"):
        assert charts.number(1234.5, 1) == "1.234,5"
        assert charts.number(16000) == "16.000"
        assert charts.percent(0.8) == "80 %"
    with translation.override("en"):
        assert charts.number(1234.5, 1) == "1,234.5"


def test_closed_hours_are_grey_and_open_ones_carry_their_value():
    svg = str(charts.heatmap(title="t", desc="d", rows=["T2"], columns=["07h", "08h"], values=[[None, 3.0]]))
    assert svg.count("<rect") == 2 and 'fill="#f4f5f7"' in svg and ">3</text>" in svg


def test_the_tile_map_links_the_provinces_in_scope_only():
    tiles = [
        charts.Tile(code="42", label="Hà Tĩnh", value=5.0, caption="5", url="/ke-hoach/tinh/42/", highlighted=True),
        charts.Tile(code="82", label="Đồng Tháp", value=None, caption="–"),
    ]
    svg = str(charts.tile_map(title="t", desc="d", tiles=tiles))
    assert svg.count("<a ") == 1 and 'href="/ke-hoach/tinh/42/"' in svg
    assert 'data-province="82"' in svg and 'fill="#e4e7eb"' in svg


def test_two_heat_maps_can_share_one_scale():
    alone = str(charts.heatmap(title="t", desc="d", rows=["T2"], columns=["07h"], values=[[2.0]]))
    shared = str(charts.heatmap(title="t", desc="d", rows=["T2"], columns=["07h"], values=[[2.0]], top=20.0))
    assert 'fill="#0b4a7e"' in alone  # its own largest value: the darkest blue
    assert 'fill="#0b4a7e"' not in shared  # a tenth of the other map's largest: pale
