"""The workbook carries a fee line's alternative group, whether it is optional and its unit; a bad value is
reported by sheet, row and column and nothing is written."""

from __future__ import annotations

import pytest

from motcua.procedures.exchange import ImportRejected, procedures_import_file, read_tables
from motcua.procedures.models import Fee, Procedure, ProcedureVersion
from motcua.procedures.specs import FeeSpec
from tests.factories import ProcedureSpecFactory
from tests.procedures.test_round_trip import procedures_export

from .conftest import set_cell, sheets_of, xlsx_of

pytestmark = pytest.mark.django_db


def _spec():
    return ProcedureSpecFactory(
        national_code="1.002425",
        fees=(
            FeeSpec(kind="fee", description="Cơ sở nhỏ lẻ", amount=500_000, group=1),
            FeeSpec(kind="fee", description="Cơ sở khác", amount=2_500_000, group=1),
            FeeSpec(
                kind="fee", description="Bản sao", amount=8_000, optional=True, per_unit="bản", exemptions="Hộ nghèo"
            ),
        ),
    )


def test_the_new_fee_attributes_round_trip_through_the_workbook(civil_status):
    procedures_import_file(data=xlsx_of(sheets_of(_spec())), source="test.xlsx")
    stored = list(Fee.objects.order_by("order").values_list("group", "optional", "per_unit", "exemptions"))
    assert stored == [(1, False, "", ""), (1, False, "", ""), (None, True, "bản", "Hộ nghèo")]
    exported = read_tables(procedures_export(fmt="xlsx"))["fees"]
    rows = [(v["group"], v["optional"], v["per_unit"]) for _n, v in exported.rows]
    assert rows == [(1, False, None), (1, False, None), (None, True, "bản")]  # an empty cell reads as None


def test_bad_fee_attributes_are_listed_by_sheet_row_and_column_and_nothing_is_written(civil_status):
    sheets = sheets_of(_spec())
    set_cell(sheets, "fees", 2, "group", "một")
    set_cell(sheets, "fees", 3, "optional", True)  # an alternative cannot be optional
    set_cell(sheets, "fees", 4, "optional", "có lẽ")
    with pytest.raises(ImportRejected) as caught:
        procedures_import_file(data=xlsx_of(sheets), source="test.xlsx")
    assert [issue.location for issue in caught.value.issues] == [
        ("fees", 2, "group", "value_not_an_integer"),
        ("fees", 3, "optional", "fee_alternative_optional"),
        ("fees", 4, "optional", "value_not_a_boolean"),
    ]
    assert not Procedure.objects.exists() and not ProcedureVersion.objects.exists()


def test_an_alternative_group_of_one_line_points_at_its_row(civil_status):
    sheets = sheets_of(_spec())
    set_cell(sheets, "fees", 3, "group", 2)
    with pytest.raises(ImportRejected) as caught:
        procedures_import_file(data=xlsx_of(sheets), source="test.xlsx")
    assert [issue.location for issue in caught.value.issues] == [
        ("fees", 2, "group", "fee_group_single_line"),
        ("fees", 3, "group", "fee_group_single_line"),
    ]
