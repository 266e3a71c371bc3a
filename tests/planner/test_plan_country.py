"""``manage.py plan_country``: one JSON row per commune, or a workbook; bad names stop cleanly."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from motcua.localities.models import Commune, Province
from motcua.planner.scenarios import scenario_create

from .conftest import HA_TINH


@pytest.fixture
def scenario(country_map):
    return scenario_create(actor=None, name="Mô hình bưu điện", province=None)


def test_json_for_one_province_prints_a_row_for_each_of_its_communes(scenario):
    out = io.StringIO()
    call_command("plan_country", "--scenario", "Mô hình bưu điện", "--province", HA_TINH, "--json", stdout=out)
    body = json.loads(out.getvalue())
    codes = {row["code"] for row in body["communes"]}
    assert codes == set(Commune.objects.filter(province_id=HA_TINH).values_list("code", flat=True))
    assert len(codes) == 69
    assert body["scope"] == HA_TINH and body["version"] == 1
    assert body["figures"]["communes"] == 69
    assert all(row["postal_fte"] <= row["baseline_fte"] for row in body["communes"])


def test_xlsx_writes_the_plan_workbook(scenario, tmp_path):
    path = tmp_path / "plan.xlsx"
    call_command("plan_country", "--scenario", "Mô hình bưu điện", "--province", HA_TINH, "--xlsx", str(path))
    workbook = load_workbook(path, read_only=True)
    assert len(list(workbook["communes"].iter_rows())) == 70


def test_an_unknown_scenario_or_a_province_outside_it_stops_with_the_message(country_map):
    with pytest.raises(CommandError, match=r"Không có kịch bản này\. / There is no such scenario\."):
        call_command("plan_country", "--scenario", "Không có", "--json")
    scenario_create(actor=None, name="Hà Tĩnh", province=Province.objects.get(code=HA_TINH))
    with pytest.raises(CommandError, match="82"):
        call_command("plan_country", "--scenario", "Hà Tĩnh", "--province", "82", "--json")
