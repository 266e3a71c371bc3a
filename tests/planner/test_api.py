"""``/api/v1/planner``: planners and administrators only, each within the province they plan for."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from motcua.api.services import api_token_create
from motcua.localities.models import Province
from motcua.planner.defaults import default_inputs
from motcua.planner.scenarios import scenario_create
from tests.api.support import assert_problem, bearer

from .conftest import DONG_THAP, HA_TINH

API = "/api/v1/planner"


@pytest.fixture
def client() -> Client:
    return Client()


def _token(user) -> dict[str, str]:
    return bearer(api_token_create(user=user, name="test")[1])


def _post(client, path, body, headers):
    return client.post(path, data=json.dumps(body), content_type="application/json", headers=headers)


def test_a_planner_creates_lists_and_reads_a_scenario_of_the_province(client, planner_ha_tinh):
    headers = _token(planner_ha_tinh)
    created = _post(client, f"{API}/scenarios", {"name": "Mô hình bưu điện", "province": HA_TINH}, headers)
    assert created.status_code == 201, created.content
    scenario = created.json()
    assert scenario["province"] == HA_TINH and scenario["latest_version"] == 1
    assert scenario["owner"] == "planner-ht" and scenario["versions"][0]["number"] == 1
    listed = client.get(f"{API}/scenarios", headers=headers).json()
    assert [item["id"] for item in listed["results"]] == [scenario["id"]]
    version = client.get(f"{API}/scenarios/{scenario['id']}/versions/1", headers=headers).json()
    sources = {row["key"]: row["source"] for row in version["sources"]}
    assert sources["costs.base_salary_vnd"].startswith("Decree 73/2024")


def test_a_new_version_and_its_result_and_a_comparison(client, planner_ha_tinh):
    headers = _token(planner_ha_tinh)
    scenario = _post(client, f"{API}/scenarios", {"name": "A", "province": HA_TINH}, headers).json()
    inputs = default_inputs().to_dict()
    inputs["service"]["pickup_share"] = 0.2
    body = {"inputs": inputs, "note": "more pickups", "provenance": {"service.pickup_share": "target of the plan"}}
    saved = _post(client, f"{API}/scenarios/{scenario['id']}/versions", body, headers)
    assert saved.status_code == 201, saved.content
    assert saved.json()["number"] == 2
    result = client.get(f"{API}/scenarios/{scenario['id']}/result", headers=headers)
    assert result.status_code == 200, result.content
    assert result.json()["version"] == 2 and len(result.json()["communes"]) == 69
    assert len(result.json()["provinces"][0]["postal_staff_by_hour"]) == 168
    compared = client.get(
        f"{API}/compare",
        {"a": scenario["id"], "a_version": 1, "b": scenario["id"], "b_version": 2},
        headers=headers,
    )
    assert compared.status_code == 200, compared.content
    rows = {(row["kind"], row["key"]): row for row in compared.json()}
    assert rows[("input", "service.pickup_share")]["b"] == 0.2
    assert rows[("indicator", "visits_avoided")]["difference"] > 0


def test_bad_inputs_are_a_problem_naming_the_input(client, planner_ha_tinh):
    headers = _token(planner_ha_tinh)
    scenario = _post(client, f"{API}/scenarios", {"name": "A", "province": HA_TINH}, headers).json()
    inputs = default_inputs().to_dict()
    inputs["queue"]["service_level"] = 1.5
    response = _post(client, f"{API}/scenarios/{scenario['id']}/versions", {"inputs": inputs}, headers)
    body = assert_problem(response, status=422, code="planner_input_out_of_range")
    assert body["errors"][0]["loc"] == ["body", "payload", "inputs", "queue", "service_level"]


def test_a_ha_tinh_planner_cannot_read_a_dong_thap_scenario(client, planner_ha_tinh, planner_dong_thap):
    dong_thap = scenario_create(actor=planner_dong_thap, name="ĐT", province=Province.objects.get(code=DONG_THAP))
    headers = _token(planner_ha_tinh)
    for path in (
        f"/scenarios/{dong_thap.pk}",
        f"/scenarios/{dong_thap.pk}/result",
        f"/scenarios/{dong_thap.pk}/versions/1",
    ):
        assert_problem(client.get(API + path, headers=headers), status=404, code="planner_scenario_not_found")
    response = _post(client, f"{API}/scenarios", {"name": "X", "province": DONG_THAP}, headers)
    assert_problem(response, status=403, code="planner_scenario_out_of_scope")
    assert client.get(f"{API}/scenarios", headers=headers).json()["count"] == 0


def test_other_roles_are_refused(client, trainer):
    assert_problem(
        client.get(f"{API}/scenarios", headers=_token(trainer)), status=403, code="planner_scenario_forbidden"
    )
