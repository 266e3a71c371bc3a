"""The planner's pages: who may open them, what they show (numbers read from the plan's result, not written
here), editing the arrival peak as a new version, comparing two scenarios, and the downloads."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from motcua.agencies.models import (
    Agency,
    AgencyKind,
    AgencyLevel,
    ReceivingPoint,
    ReceivingPointKind,
    Role,
    StaffAssignment,
)
from motcua.localities.models import Commune, Province
from motcua.planner.defaults import default_inputs
from motcua.planner.models import Scenario
from motcua.planner.scenarios import scenario_create, scenario_result
from motcua.planner.selectors import scenario_latest_version
from tests.factories import UserFactory

from .conftest import DONG_THAP, HA_TINH

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenarios(country_map):
    """Hà Tĩnh's two scenarios: today's one civil servant per field, and the postal model; one of Đồng Tháp."""
    baseline_inputs = default_inputs()
    baseline_inputs.service.postal_share = 0.0
    ha_tinh = Province.objects.get(code=HA_TINH)
    baseline = scenario_create(actor=None, name="Hiện trạng", province=ha_tinh, inputs=baseline_inputs)
    postal = scenario_create(actor=None, name="Mô hình bưu điện", province=ha_tinh)
    other = scenario_create(actor=None, name="Đồng Tháp", province=Province.objects.get(code=DONG_THAP))
    return {"baseline": baseline, "postal": postal, "other": other}


@pytest.fixture
def postal_clerk(country_map):
    commune = Commune.objects.filter(province_id=HA_TINH).first()
    post = Agency.objects.create(
        code="VNP.42.T", name="Bưu điện", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL, province_id=HA_TINH
    )
    point = ReceivingPoint.objects.create(
        code="BD1", name="BD1", kind=ReceivingPointKind.POST_OFFICE, operator=post, commune=commune, address="1"
    )
    user = UserFactory(username="clerk-ht")
    StaffAssignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=point)
    return user


def _pages(scenario: Scenario, code: str, commune: str) -> list[str]:
    query = f"?scenario={scenario.pk}"
    return [
        reverse("planner:country"),
        reverse("planner:province", args=[code]) + query,
        reverse("planner:commune", args=[code, commune]) + query,
        reverse("planner:plan_xlsx", args=[code]) + query,
        reverse("planner:report_pdf", args=[code]) + query,
        reverse("planner:scenarios"),
        reverse("planner:scenario_new"),
        reverse("planner:scenario_edit", args=[scenario.pk]),
        reverse("planner:scenario_copy", args=[scenario.pk]),
        reverse("planner:scenario_compare"),
    ]


def test_every_page_opens_for_the_ha_tinh_planner_on_ha_tinh(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    commune = Commune.objects.filter(province_id=HA_TINH).order_by("code").first()
    for url in _pages(scenarios["postal"], HA_TINH, commune.code):
        assert client.get(url).status_code == 200, url


def test_another_province_answers_404_to_the_ha_tinh_planner(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    other = scenarios["other"]
    commune = Commune.objects.filter(province_id=DONG_THAP).first()
    query = f"?scenario={other.pk}"
    for url in (
        reverse("planner:province", args=[DONG_THAP]) + query,
        reverse("planner:commune", args=[DONG_THAP, commune.code]) + query,
        reverse("planner:plan_xlsx", args=[DONG_THAP]) + query,
        reverse("planner:report_pdf", args=[DONG_THAP]) + query,
        reverse("planner:scenario_edit", args=[other.pk]),
        reverse("planner:scenario_copy", args=[other.pk]),
        # Another province's scenario on his own province's page is not his either.
        reverse("planner:province", args=[HA_TINH]) + query,
    ):
        assert client.get(url).status_code == 404, url


def test_a_postal_clerk_is_refused_every_page(client, postal_clerk, scenarios):
    client.force_login(postal_clerk)
    commune = Commune.objects.filter(province_id=HA_TINH).first()
    for url in _pages(scenarios["postal"], HA_TINH, commune.code):
        assert client.get(url).status_code == 403, url


def test_the_province_page_shows_every_commune_and_staffing_that_meets_the_target(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    scenario = scenarios["postal"]
    response = client.get(reverse("planner:province", args=[HA_TINH]) + f"?scenario={scenario.pk}")
    html = response.content.decode()
    summary = scenario_result(version=scenario_latest_version(scenario=scenario), province=HA_TINH)
    goal = response.context["goal"]
    communes = list(Commune.objects.filter(province_id=HA_TINH).values_list("code", "name"))
    assert len(summary["communes"]) == len(communes)
    for code, name in communes:
        assert f'data-commune="{code}"' in html
        assert name in html
    for row in summary["communes"]:
        assert row["worst_service_level"] >= goal
        assert f'data-level="{row["worst_service_level"]:.4f}"' in html
    freed = response.context["figures"]["civil_freed_fte"]
    assert re.search(r'data-figure="freed">\s*' + re.escape(_vi(freed, 1)), html)
    for chart in ("chart--heatmap", "chart--bars", "chart--tornado", "chart--lines"):
        assert chart in html
    assert html.count('role="img"') >= 5


def _vi(value: float, digits: int) -> str:
    whole, _, decimals = f"{value:,.{digits}f}".partition(".")
    return whole.replace(",", ".") + ("," + decimals if decimals else "")


def test_the_commune_page_shows_each_open_hour_meeting_the_wait_target(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    scenario = scenarios["postal"]
    commune = Commune.objects.filter(province_id=HA_TINH).order_by("code").first()
    response = client.get(reverse("planner:commune", args=[HA_TINH, commune.code]) + f"?scenario={scenario.pk}")
    week = response.context["week"]
    summary = scenario_result(version=scenario_latest_version(scenario=scenario), province=HA_TINH)
    assert week.goal == default_inputs().queue.service_level
    assert len(week.rows) == len([hours for hours in summary["open_hours"] if hours > 0])
    assert week.target_met
    html = response.content.decode()
    for row in week.rows:
        assert f'data-level="{row.service_level:.4f}"' in html
        assert row.service_level >= week.goal
    assert html.count("✓") >= len([row for row in week.rows if row.arrivals > 0])


def _inputs_form(client, scenario) -> dict[str, str]:
    """The edit form as a browser would post it back: every input with the value shown."""
    html = client.get(reverse("planner:scenario_edit", args=[scenario.pk])).content.decode()
    data = {name: value for name, value in re.findall(r'<input id="in-[^"]+" name="([^"]+)" value="([^"]*)"', html)}
    data.update(
        {name: "on" for name in re.findall(r'<input type="checkbox" id="in-[^"]+" name="([^"]+)" checked>', html)}
    )
    for name, options in re.findall(r'<select id="in-[^"]+" name="([^"]+)">(.*?)</select>', html, re.S):
        data[name] = re.search(r'<option value="([^"]+)" selected>', options).group(1)
    return data


def test_editing_the_arrival_peak_makes_a_new_version_with_another_result(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    scenario = scenarios["postal"]
    before = scenario_latest_version(scenario=scenario)
    data = _inputs_form(client, scenario)
    assert "profile.peaks.tet.multiplier" in data and "profile.peaks.tet.active" not in data
    data["profile.peaks.tet.multiplier"] = "1,8"  # typed the Vietnamese way
    data["profile.peaks.tet.active"] = "on"
    data["note"] = "Tết"
    response = client.post(reverse("planner:scenario_edit", args=[scenario.pk]), data)
    assert response.status_code == 302
    after = scenario_latest_version(scenario=scenario)
    assert after.number == before.number + 1
    assert after.inputs["profile"]["peaks"]["tet"] == {
        **before.inputs["profile"]["peaks"]["tet"],
        "multiplier": 1.8,
        "active": True,
    }
    assert after.provenance["profile.peaks.tet.multiplier"] == f"edited by {planner_ha_tinh.username}"
    old = scenario_result(version=before, province=HA_TINH)["figures"]
    new = scenario_result(version=after, province=HA_TINH)["figures"]
    assert new["counter_visits_week"] == pytest.approx(old["counter_visits_week"] * 1.8, rel=1e-3)
    assert new["postal_fte"] > old["postal_fte"]
    assert f"version={after.number}" in response["Location"]


def test_a_wrong_input_is_refused_beside_its_field_and_nothing_is_saved(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    scenario = scenarios["postal"]
    data = _inputs_form(client, scenario)
    data["profile.peaks.tet.multiplier"] = "nhiều"
    data["queue.service_level"] = "1,5"
    response = client.post(reverse("planner:scenario_edit", args=[scenario.pk]), data)
    assert response.status_code == 422
    assert scenario.versions.count() == 1
    html = response.content.decode()
    for key in ("profile.peaks.tet.multiplier", "queue.service_level"):
        row = re.search(rf'<tr class="has-error" data-key="{re.escape(key)}">(.*?)</tr>', html, re.S)
        assert row is not None, key
        assert "form-field__error" in row.group(1)
    assert 'value="nhiều"' in html  # what was typed is kept


def test_compare_shows_both_scenarios_and_their_differences(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    a, b = scenarios["baseline"], scenarios["postal"]
    response = client.get(reverse("planner:scenario_compare") + f"?a={a.pk}&b={b.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert a.name in html and b.name in html
    rows = {row.key: row for row, _label in response.context["input_rows"]}
    assert rows["service.postal_share"].a == 0.0 and rows["service.postal_share"].b == 1.0
    figures_b = scenario_result(version=scenario_latest_version(scenario=b), province=HA_TINH)["figures"]
    indicators = {row.key: row for row, _label, _digits in response.context["indicator_rows"]}
    assert indicators["postal_fte"].b == figures_b["postal_fte"]
    assert indicators["postal_fte"].a == 0
    assert html.count('role="img"') == 2


def test_a_new_scenario_starts_from_the_defaults_in_the_planners_province(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    response = client.post(reverse("planner:scenario_new"), {"name": "Thử", "province": HA_TINH, "description": ""})
    scenario = Scenario.objects.get(name="Thử")
    assert response.status_code == 302 and scenario.province_id == HA_TINH
    assert scenario_latest_version(scenario=scenario).inputs == default_inputs().to_dict()
    refused = client.post(reverse("planner:scenario_new"), {"name": "Khác", "province": DONG_THAP})
    assert refused.status_code == 422 and not Scenario.objects.filter(name="Khác").exists()
    taken = client.post(reverse("planner:scenario_new"), {"name": "Thử", "province": HA_TINH})
    assert taken.status_code == 422 and "form-field__error" in taken.content.decode()


def test_copy_makes_a_scenario_that_remembers_its_parent(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    response = client.post(reverse("planner:scenario_copy", args=[scenarios["postal"].pk]), {"name": "Bản sao"})
    copy = Scenario.objects.get(name="Bản sao")
    assert response.status_code == 302 and copy.parent == scenarios["postal"]


def test_the_country_page_shows_34_provinces_and_only_the_planners_own_figures(client, planner_ha_tinh, scenarios):
    client.force_login(planner_ha_tinh)
    response = client.get(reverse("planner:country"))
    html = response.content.decode()
    rows = response.context["rows"]
    assert len(rows) == 34 and html.count('data-province="') == 2 * 34  # a table row and a tile each
    planned = [row for row in rows if row.figures is not None]
    assert [row.code for row in planned] == [HA_TINH]
    assert all(not row.in_scope for row in rows if row.code != HA_TINH)
    figures = scenario_result(version=scenario_latest_version(scenario=scenarios["postal"]))["figures"]
    assert planned[0].figures == figures


def test_the_plan_downloads_as_a_workbook_with_one_row_per_commune(client, planner_ha_tinh, scenarios):
    from openpyxl import load_workbook

    client.force_login(planner_ha_tinh)
    response = client.get(reverse("planner:plan_xlsx", args=[HA_TINH]) + f"?scenario={scenarios['postal'].pk}")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook["communes"].iter_rows(values_only=True))
    codes = {row[0] for row in rows[1:]}
    assert codes == set(Commune.objects.filter(province_id=HA_TINH).values_list("code", flat=True))
    assert len(rows) - 1 == len(codes)


def test_a_country_planner_sees_every_province_planned_in_a_country_scenario(client, planner_country, scenarios):
    scenario = scenario_create(actor=None, name="Cả nước", province=None)
    client.force_login(planner_country)
    response = client.get(reverse("planner:country") + f"?scenario={scenario.pk}&measure=hours_saved")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 34 and all(row.in_scope and row.figures is not None for row in rows)
    summary = scenario_result(version=scenario_latest_version(scenario=scenario))
    assert response.context["totals"] == summary["figures"]
    assert summary["figures"]["communes"] == Commune.objects.count()
    html = response.content.decode()
    assert html.count('<a href="/ke-hoach/tinh/') >= 34  # each tile opens its province
