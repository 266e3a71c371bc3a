"""The admin: versions are read-only, their inputs download as the workbook the import reads; scenarios archive."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from motcua.planner.models import Scenario, ScenarioStatus
from motcua.planner.scenarios import scenario_create
from tests.factories import UserFactory


@pytest.fixture
def admin_client(client, country_map):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_a_version_s_inputs_download_as_the_inputs_workbook(admin_client):
    scenario = scenario_create(actor=None, name="Cả nước", province=None)
    version = scenario.versions.get()
    response = admin_client.post(
        "/admin/planner/scenarioversion/", {"action": "download_inputs", "_selected_action": [version.pk]}
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["inputs", "input_provinces", "input_fields", "input_communes"]
    assert admin_client.get(f"/admin/planner/scenarioversion/{version.pk}/change/").status_code == 200


def test_selected_scenarios_are_archived(admin_client):
    scenario = scenario_create(actor=None, name="Cả nước", province=None)
    response = admin_client.post("/admin/planner/scenario/", {"action": "archive", "_selected_action": [scenario.pk]})
    assert response.status_code == 302
    assert Scenario.objects.get(pk=scenario.pk).status == ScenarioStatus.ARCHIVED
