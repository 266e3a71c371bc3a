"""The inputs workbook round trip, an import with several errors, and the plan workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from motcua.localities.models import Province
from motcua.planner.errors import InputsImportRejected
from motcua.planner.exchange import inputs_read_workbook, inputs_workbook, plan_workbook, scenario_inputs_import
from motcua.planner.inputs import CommuneFigures, inputs_from_dict
from motcua.planner.model import plan_run
from motcua.planner.scenarios import scenario_create

from .conftest import HA_TINH


def _edited(data: bytes, edits: dict[tuple[str, str, str], object]) -> bytes:
    """The workbook with cells changed: (sheet, key or code, column) → value."""
    workbook = load_workbook(io.BytesIO(data))
    for (sheet_name, key, column), value in edits.items():
        sheet = workbook[sheet_name]
        header = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == key:
                row[header.index(column)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_inputs_export_then_import_gives_the_same_inputs(inputs):
    inputs.communes["18073"] = CommuneFigures(population=30_000, area_km2=12.5, source="measured 2026")
    inputs.queue.patience_minutes = 25.0
    inputs.profile.saturday_hours = "07:30-11:30"
    assert inputs_read_workbook(inputs_workbook(inputs)) == inputs


def test_an_import_with_several_errors_lists_them_all_and_changes_nothing(planner_ha_tinh, inputs):
    scenario = scenario_create(actor=planner_ha_tinh, name="Thử", province=Province.objects.get(code=HA_TINH))
    data = _edited(
        inputs_workbook(inputs),
        {
            ("input_provinces", "42", "population"): -1,
            ("input_fields", "DD", "dossiers_per_1000"): "nhiều",
            ("inputs", "queue.service_level", "value"): 1.5,
            ("inputs", "queue.shrinkage", "value"): -0.1,
        },
    )
    with pytest.raises(InputsImportRejected) as caught:
        scenario_inputs_import(data, actor=planner_ha_tinh, scenario=scenario)
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    first_column = {
        sheet: [row[0] for row in workbook[sheet].iter_rows(values_only=True)]
        for sheet in ("inputs", "input_provinces", "input_fields")
    }
    found = {
        (issue.sheet, first_column[issue.sheet][issue.row - 1], issue.column, issue.code)
        for issue in caught.value.issues
    }
    assert found == {
        ("input_provinces", "42", "population", "planner_input_not_positive"),
        ("input_fields", "DD", "dossiers_per_1000", "planner_input_wrong_type"),
        ("inputs", "queue.service_level", "value", "planner_input_out_of_range"),
        ("inputs", "queue.shrinkage", "value", "planner_input_out_of_range"),
    }
    assert len(caught.value.issues) == 4
    assert all(issue.message_vi and issue.message_en for issue in caught.value.issues)
    assert scenario.versions.count() == 1


def test_a_clean_import_is_a_new_version(planner_ha_tinh, inputs):
    scenario = scenario_create(actor=planner_ha_tinh, name="Thử", province=Province.objects.get(code=HA_TINH))
    data = _edited(inputs_workbook(inputs), {("input_fields", "DD", "dossiers_per_1000"): 90})
    version = scenario_inputs_import(data, actor=planner_ha_tinh, scenario=scenario)
    assert version.number == 2
    assert inputs_from_dict(version.inputs).fields["DD"].dossiers_per_1000 == 90
    assert version.provenance == {"fields.DD.dossiers_per_1000": "edited by planner-ht"}


def test_a_file_that_is_not_a_workbook_is_refused(inputs):
    with pytest.raises(InputsImportRejected) as caught:
        inputs_read_workbook(b"not a workbook")
    assert caught.value.issues[0].code == "planner_inputs_file_unreadable"


def test_the_plan_workbook_has_a_row_per_commune_and_the_inputs_with_sources(inputs):
    plan = plan_run(inputs, province=HA_TINH)
    workbook = load_workbook(io.BytesIO(plan_workbook(plan, inputs)), read_only=True)
    assert workbook.sheetnames == [
        "communes",
        "province_totals",
        "comparison",
        "benefits",
        "inputs",
        "input_provinces",
        "input_fields",
        "input_communes",
    ]
    communes = list(workbook["communes"].iter_rows(values_only=True))
    assert len(communes) == 1 + 69
    assert "staff mon 08h" in communes[0]
    comparison = {row[0]: row[1:] for row in workbook["comparison"].iter_rows(values_only=True)}
    assert comparison["counters"][0] == plan.figures.baseline_counters
    sources = {row[0]: row[5] for row in workbook["inputs"].iter_rows(values_only=True)}
    assert sources["queue.target_wait_minutes"].startswith("Decision 468")
    # The plan workbook is also an inputs workbook.
    assert inputs_read_workbook(plan_workbook(plan, inputs)) == inputs
