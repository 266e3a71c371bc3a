"""The daily reconciliation: what each postman collected, the fees owed to each agency against what was
remitted, flags, and the Excel export; properties checked with hypothesis."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from motcua.postal.money import Flag, collection_record, reconciliation_for_day, reconciliation_xlsx, remittance_record
from tests.dossiers.conftest import HCM, at, world  # noqa: F401  (fixture)
from tests.factories import UserFactory
from tests.postal.test_money import order_for

DAY = dt.date(2026, 11, 25)


def collect(world, *, when: str, kind: str, amount: int, postman=None, agency=None, point=None):  # noqa: F811
    postman = postman or world.postman
    order = order_for(world, point=point, postman=postman)
    return collection_record(order=order, kind=kind, amount=amount, postman=postman, agency=agency, at=at(when))


def remit(world, *, agency, amount: int, day: dt.date = DAY, reference: str = "", point=None):  # noqa: F811
    point = point or world.office
    return remittance_record(point=point, agency=agency, day=day, amount=amount, reference=reference, actor=world.clerk)


def _a_day_of_work(world):  # noqa: F811
    other = UserFactory(full_name="Trần Thị Bình")
    world.postman.full_name = "Lê Văn Cường"
    world.postman.save()
    collect(world, when="25/11/2026 00:00", kind="postage", amount=33_000)
    collect(world, when="25/11/2026 00:00", kind="fees", amount=50_000, agency=world.committee)
    collect(world, when="25/11/2026 23:59", kind="fees", amount=20_000, agency=world.police, postman=other)
    collect(world, when="25/11/2026 15:00", kind="postage", amount=60_500, postman=other)
    # Outside the day, or at another post office: never counted.
    collect(world, when="24/11/2026 23:59", kind="fees", amount=999, agency=world.committee)
    collect(world, when="26/11/2026 00:00", kind="fees", amount=999, agency=world.committee)
    collect(world, when="25/11/2026 10:00", kind="fees", amount=999, agency=world.committee, point=world.other_office)
    remit(world, agency=world.committee, amount=30_000, reference="UNC-1")
    remit(world, agency=world.committee, amount=10_000)
    remit(world, agency=world.post, amount=5_000)  # nothing was collected for it
    remit(world, agency=world.police, amount=20_000, day=DAY + dt.timedelta(days=1))
    remit(world, agency=world.committee, amount=999, point=world.other_office)
    return other


def test_a_day_is_reconciled_by_postman_and_by_agency(world):  # noqa: F811
    other = _a_day_of_work(world)
    rec = reconciliation_for_day(day=DAY, point=world.office)

    by_postman = {line.name: (line.postage, line.fees, line.collections) for line in rec.postmen}
    assert by_postman == {"Lê Văn Cường": (33_000, 50_000, 2), "Trần Thị Bình": (60_500, 20_000, 2)}
    assert [line.postman_id for line in rec.postmen] == [world.postman.pk, other.pk]

    by_agency = {line.code: (line.collected, line.remitted, line.difference, line.flags) for line in rec.agencies}
    assert by_agency == {
        "H30.X01": (50_000, 40_000, -10_000, (Flag.SHORT,)),
        "H30.CA": (20_000, 0, -20_000, (Flag.SHORT, Flag.UNREMITTED)),
        "VNP.42": (0, 5_000, 5_000, (Flag.OVER,)),
    }
    assert rec.agencies[[line.code for line in rec.agencies].index("H30.X01")].references == ("UNC-1",)
    assert (rec.postage, rec.fees, rec.collected, rec.remitted, rec.difference) == (
        93_500,
        70_000,
        163_500,
        45_000,
        -25_000,
    )
    assert {line.code for line in rec.flagged} == {"H30.X01", "H30.CA", "VNP.42"}


def test_a_balanced_day_has_no_flags(world):  # noqa: F811
    collect(world, when="25/11/2026 08:00", kind="fees", amount=50_000, agency=world.committee)
    remit(world, agency=world.committee, amount=50_000)
    rec = reconciliation_for_day(day=DAY, point=world.office)
    assert [(line.difference, line.flags) for line in rec.agencies] == [(0, ())]
    assert rec.flagged == ()


def test_an_empty_day_reconciles_to_zero(world):  # noqa: F811
    rec = reconciliation_for_day(day=DAY, point=world.office)
    assert (rec.postmen, rec.agencies, rec.collected, rec.remitted, rec.difference) == ((), (), 0, 0, 0)
    assert load_workbook(io.BytesIO(reconciliation_xlsx(rec))).sheetnames == ["Theo bưu tá", "Theo cơ quan", "Tại quầy"]


def test_the_excel_export_has_a_sheet_per_view_and_highlights_flagged_rows(world):  # noqa: F811
    _a_day_of_work(world)
    collect(world, when="25/11/2026 09:00", kind="fees", amount=7_000, agency=world.police, postman=world.postman)
    rec = reconciliation_for_day(day=DAY, point=world.office)
    with translation.override("en"):
        workbook = load_workbook(io.BytesIO(reconciliation_xlsx(rec)))
    assert workbook.sheetnames == ["By postman", "By agency", "At the counter"]

    postmen = workbook["By postman"]
    assert "25/11/2026" in postmen["A1"].value and "VNP.42.1" in postmen["A2"].value
    assert [c.value for c in postmen[3]] == ["Postman", "Collections", "Postage (VND)", "Fees (VND)", "Total (VND)"]
    assert all(c.font.bold and c.fill.fgColor.rgb.endswith("DDEBF7") for c in postmen[3])
    assert [c.value for c in postmen[4]] == ["Lê Văn Cường", 3, 33_000, 57_000, 90_000]
    assert [c.value for c in postmen[6]] == ["Total", 5, 93_500, 77_000, 170_500]
    assert postmen["C4"].number_format == "#,##0" and postmen.freeze_panes == "A4"

    agencies = workbook["By agency"]
    assert [c.value for c in agencies[3]][:6] == [
        "Agency code",
        "Agency",
        "Fees collected (VND)",
        "Of which at the counter (VND)",
        "Remitted (VND)",
        "Difference (VND)",
    ]
    rows = {row[0].value: row for row in agencies.iter_rows(min_row=4)}
    assert [c.value for c in rows["H30.CA"]] == [
        "H30.CA",
        "Công an tỉnh",
        27_000,
        0,
        0,
        -27_000,
        None,
        "remitted short, not remitted",
    ]
    assert [c.value for c in rows["H30.X01"]][2:] == [50_000, 0, 40_000, -10_000, "UNC-1", "remitted short"]
    assert all(c.fill.fgColor.rgb.endswith("FCE4D6") for c in rows["H30.CA"])
    assert agencies.column_dimensions["B"].width == 40
    total = rows[None]
    assert [c.value for c in total][1:6] == ["Total", 77_000, 0, 45_000, -32_000]
    assert total[1].font.bold and total[0].fill.fgColor.rgb != "00FCE4D6"


def test_a_balanced_row_is_not_highlighted(world):  # noqa: F811
    collect(world, when="25/11/2026 08:00", kind="fees", amount=50_000, agency=world.committee)
    remit(world, agency=world.committee, amount=50_000)
    sheet = load_workbook(io.BytesIO(reconciliation_xlsx(reconciliation_for_day(day=DAY, point=world.office))))
    row = list(sheet.worksheets[1][4])
    assert row[0].value == "H30.X01" and row[7].value is None
    assert not any(c.fill.fgColor.rgb.endswith("FCE4D6") for c in row)


# --- properties ----------------------------------------------------------------------------------------

MINUTES = 24 * 60
# Minutes from the start of DAY (local): the day itself is [0, 1440); the bounds are drawn often.
minute = st.one_of(st.sampled_from([-1, 0, 1, MINUTES - 1, MINUTES]), st.integers(-MINUTES, 2 * MINUTES - 1))
a_collection = st.fixed_dictionaries(
    {
        "postman": st.integers(0, 1),
        "kind": st.sampled_from(["postage", "fees"]),
        "agency": st.integers(0, 2),
        "amount": st.integers(1, 10_000_000),
        "minute": minute,
        "elsewhere": st.booleans(),  # at the other post office
    }
)
a_remittance = st.fixed_dictionaries(
    {
        "agency": st.integers(0, 2),
        "amount": st.integers(1, 10_000_000),
        "day": st.sampled_from([-1, 0, 0, 0, 1]),
        "elsewhere": st.booleans(),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(collections=st.lists(a_collection, max_size=8), remittances=st.lists(a_remittance, max_size=5))
def test_reconciliation_properties(world, collections, remittances):  # noqa: F811
    """For any collections and remittances: the postmen's and the agencies' totals both equal the day's
    collections; difference = remitted − collected; a flag appears exactly when they differ (or nothing was
    remitted for fees collected); collections outside the day or the post office never count."""
    start = dt.datetime.combine(DAY, dt.time.min, tzinfo=HCM)
    with transaction.atomic():
        postmen = [world.postman, UserFactory()]
        agencies = [world.committee, world.police, world.post]
        expected_by_postman: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        expected_collected: dict[int, int] = defaultdict(int)
        expected_remitted: dict[int, int] = defaultdict(int)
        for c in collections:
            postman, point = postmen[c["postman"]], world.other_office if c["elsewhere"] else world.office
            agency = agencies[c["agency"]] if c["kind"] == "fees" else None
            collection_record(
                order=order_for(world, point=point, postman=postman),
                kind=c["kind"],
                amount=c["amount"],
                postman=postman,
                agency=agency,
                at=start + dt.timedelta(minutes=c["minute"]),
            )
            if not c["elsewhere"] and 0 <= c["minute"] < MINUTES:
                expected_by_postman[postman.pk][c["kind"] == "fees"] += c["amount"]
                if agency is not None:
                    expected_collected[agency.pk] += c["amount"]
        for r in remittances:
            agency = agencies[r["agency"]]
            point = world.other_office if r["elsewhere"] else world.office
            remittance_record(
                point=point,
                agency=agency,
                day=DAY + dt.timedelta(days=r["day"]),
                amount=r["amount"],
                reference="",
                actor=world.clerk,
            )
            if not r["elsewhere"] and r["day"] == 0:
                expected_remitted[agency.pk] += r["amount"]

        rec = reconciliation_for_day(day=DAY, point=world.office)

        fees = sum(expected_collected.values())
        postage = sum(amounts[0] for amounts in expected_by_postman.values())
        assert {line.postman_id: [line.postage, line.fees] for line in rec.postmen} == expected_by_postman
        assert sum(line.total for line in rec.postmen) == rec.collected == postage + fees
        assert (
            sum(line.fees for line in rec.postmen) == sum(line.collected for line in rec.agencies) == rec.fees == fees
        )
        assert rec.remitted == sum(expected_remitted.values())
        assert {line.agency_id for line in rec.agencies} == set(expected_collected) | set(expected_remitted)
        for line in rec.agencies:
            assert line.collected == expected_collected.get(line.agency_id, 0)
            assert line.remitted == expected_remitted.get(line.agency_id, 0)
            assert line.difference == line.remitted - line.collected
            missing = line.agency_id not in expected_remitted and line.collected > 0
            assert bool(line.flags) == (line.difference != 0 or missing)
            assert (Flag.SHORT in line.flags) == (line.difference < 0)
            assert (Flag.OVER in line.flags) == (line.difference > 0)
            assert (Flag.UNREMITTED in line.flags) == missing
        assert rec.difference == sum(line.difference for line in rec.agencies)
        transaction.set_rollback(True)


def test_fees_taken_at_the_counter_stand_beside_the_postmen_and_reconcile(world):  # noqa: F811
    """GIVEN a postman's fees and two dossiers whose fees the clerk took at the counter (one filed online,
    paying nothing there, is left out) WHEN the day is reconciled THEN the counter's fees are listed by clerk,
    counted in the agency's collected fees, and a remittance of both balances the agency."""
    collect(world, when="25/11/2026 08:00", kind="fees", amount=50_000, agency=world.committee)
    world.receive(received_at=at("25/11/2026 09:00"), fees_paid=50_000)
    world.receive(received_at=at("25/11/2026 10:00"), fees_paid=20_000)
    world.receive(received_at=at("25/11/2026 11:00"), fees_paid=0)
    world.receive(received_at=at("26/11/2026 09:00"), fees_paid=50_000)  # another day
    rec = reconciliation_for_day(day=DAY, point=world.office)
    assert [(line.clerk_id, line.dossiers, line.fees) for line in rec.counter] == [(world.clerk.pk, 2, 70_000)]
    assert (rec.postmen_fees, rec.counter_fees, rec.fees) == (50_000, 70_000, 120_000)
    [line] = rec.agencies
    assert (line.collected, line.at_counter, line.flags) == (120_000, 70_000, (Flag.SHORT, Flag.UNREMITTED))

    remit(world, agency=world.committee, amount=120_000)
    balanced = reconciliation_for_day(day=DAY, point=world.office)
    assert (balanced.difference, balanced.flagged) == (0, ())
    with translation.override("en"):
        counter = load_workbook(io.BytesIO(reconciliation_xlsx(balanced)))["At the counter"]
    assert [c.value for c in counter[4]] == [str(world.clerk), 2, 70_000]


def test_a_dossier_a_postman_collected_at_home_is_not_counted_twice(world):  # noqa: F811
    dossier = world.receive(received_at=at("25/11/2026 09:00"), fees_paid=50_000)
    order = order_for(world, postman=world.postman)
    order.kind, order.dossier = "pickup", dossier
    order.save(update_fields=["kind", "dossier"])
    collection_record(
        order=order,
        kind="fees",
        amount=50_000,
        postman=world.postman,
        agency=world.committee,
        at=at("25/11/2026 08:00"),
    )
    rec = reconciliation_for_day(day=DAY, point=world.office)
    assert (rec.postmen_fees, rec.counter_fees, rec.fees) == (50_000, 0, 50_000)
