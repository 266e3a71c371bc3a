"""Calibration: arrivals and stage durations measured on dossiers received through the real services, compared with
a scenario and applied to it as a new version with provenance."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Channel
from motcua.dossiers.models import ApplicantKind
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.receive import Applicant, ReceivedComponent, Reception, dossier_receive
from motcua.localities.models import Commune, Province
from motcua.planner.calibration import MIN_SAMPLES, calibration_apply, calibration_compare, calibration_measure
from motcua.planner.scenarios import scenario_create
from motcua.planner.selectors import scenario_latest_version
from motcua.procedures.models import Component, ComponentForm, ProcessStep, TimeLimitUnit
from motcua.procedures.services import procedure_version_publish
from tests.dossiers.conftest import at
from tests.factories import ProcedureVersionFactory, UserFactory

from .conftest import HA_TINH


@dataclass
class Office:
    province: Province
    commune: Commune
    committee: Agency
    point: ReceivingPoint
    version: object
    clerk: object
    planner: object

    def receive(self, when: dt.datetime):
        components = [
            ReceivedComponent(name=c.name, form=c.form, count=c.quantity, component_id=c.pk)
            for c in self.version.components.filter(mandatory=True)
        ]
        reception = Reception(
            procedure_version=self.version,
            receiving_point=self.point,
            lead_agency=self.committee,
            channel=Channel.COUNTER,
            applicant=Applicant(
                kind=ApplicantKind.CITIZEN, name="Nguyễn Văn An", id_number="042098001234", address="12 Trần Phú"
            ),
            components=components,
        )
        with time_machine.travel(when, tick=False):
            return dossier_receive(reception=reception, actor=self.clerk, received_at=when)


def _assign(role: Role, **scope):
    user = UserFactory()
    Assignment.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def office(country_map) -> Office:
    """A post office in the first commune of Hà Tĩnh (today's map), serving its committee, with a clerk."""
    province = Province.objects.get(code=HA_TINH)
    commune = Commune.objects.filter(province=province).order_by("code").first()
    committee = Agency.objects.create(
        code="H30.X01",
        name="UBND xã",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=AgencyLevel.PROVINCE,
        province=province,
    )
    post = Agency.objects.create(code="VNP.42", name="Bưu điện tỉnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    point = ReceivingPoint.objects.create(
        code="VNP.42.1",
        name="Bưu cục",
        kind=ReceivingPointKind.POST_OFFICE,
        operator=post,
        commune=commune,
        address="1",
    )
    point.serves.set([committee])
    version = ProcedureVersionFactory(
        parts=False, time_limit=Decimal("5"), time_limit_unit=TimeLimitUnit.WORKING_DAYS, postal_return=True
    )
    Component.objects.create(version=version, order=1, name="Tờ khai", form=ComponentForm.ORIGINAL)
    for order, name, role in ((1, "Tiếp nhận", "postal_clerk"), (2, "Phê duyệt", "agency_leader")):
        ProcessStep.objects.create(
            version=version, order=order, name=name, role=role, unit="x", duration=Decimal("0.5")
        )
    procedure_version_publish(version=version)
    version.refresh_from_db()
    return Office(
        province=province,
        commune=commune,
        committee=committee,
        point=point,
        version=version,
        clerk=_assign(Role.POSTAL_CLERK, receiving_point=point),
        planner=_assign(Role.PLANNER, province=province),
    )


# Monday 2/11/2026 to Sunday 15/11/2026: two whole weeks.
SINCE, UNTIL = dt.date(2026, 11, 2), dt.date(2026, 11, 15)


def _receive_pattern(office: Office, *, mondays_at_nine: int, tuesdays_at_two: int) -> list:
    """Each Monday of the two weeks ``mondays_at_nine`` dossiers between 09:00 and 10:00, each Tuesday
    ``tuesdays_at_two`` between 14:00 and 15:00."""
    dossiers = []
    for week in range(2):
        monday = dt.datetime(2026, 11, 2, 9, tzinfo=at("02/11/2026 09:00").tzinfo) + dt.timedelta(weeks=week)
        for n in range(mondays_at_nine):
            dossiers.append(office.receive(monday + dt.timedelta(minutes=n)))
        tuesday = monday + dt.timedelta(days=1, hours=5)
        for n in range(tuesdays_at_two):
            dossiers.append(office.receive(tuesday + dt.timedelta(minutes=n)))
    return dossiers


def _measure(office: Office):
    with time_machine.travel(at("20/11/2026 08:00"), tick=False):
        return calibration_measure(user=office.planner, point=office.point.code, since=SINCE, until=UNTIL)


def test_arrivals_are_counted_per_hour_of_the_week_with_the_weeks_observed(office):
    """GIVEN 6 dossiers each Monday at 09:xx and 3 each Tuesday at 14:xx over two weeks THEN 18 dossiers in 2
    weeks: 6 an hour on Mondays 09–10, 3 on Tuesdays 14–15, nothing elsewhere."""
    _receive_pattern(office, mondays_at_nine=6, tuesdays_at_two=3)
    office.receive(at("16/11/2026 09:00"))  # after the period: not counted

    measured = _measure(office)

    arrivals = measured.arrivals
    assert (arrivals.count, arrivals.weeks, arrivals.per_week) == (18, 2.0, 9.0)
    assert arrivals.counts[0 * 24 + 9] == 12 and arrivals.per_hour[0 * 24 + 9] == 6.0
    assert arrivals.counts[1 * 24 + 14] == 6 and arrivals.per_hour[1 * 24 + 14] == 3.0
    assert sum(1 for value in arrivals.per_hour if value) == 2
    assert measured.points == (office.point.code,) and measured.communes == (office.commune.code,)
    assert measured.period.label() == "02/11/2026 – 15/11/2026"


def test_stage_durations_come_from_the_history_with_their_sample_size(office):
    """Transfers 30 minutes after reception are measured with n = the dossiers transferred."""
    dossiers = _receive_pattern(office, mondays_at_nine=2, tuesdays_at_two=0)
    for dossier in dossiers:
        with time_machine.travel(dossier.received_at + dt.timedelta(minutes=30), tick=False):
            t.dossier_transfer(dossier=dossier, actor=office.clerk)

    measured = _measure(office)

    transfer = measured.stage("transfer")
    assert (transfer.count, transfer.mean, transfer.p50) == (4, pytest.approx(30), pytest.approx(30))
    assert measured.stage("guide").count == 0, "guidance has no recorded event"


def test_planned_and_measured_sit_side_by_side(office):
    _receive_pattern(office, mondays_at_nine=3, tuesdays_at_two=0)
    scenario = scenario_create(actor=office.planner, name="Hà Tĩnh", province=office.province)
    comparison = calibration_compare(calibration=_measure(office), version=scenario_latest_version(scenario=scenario))

    monday_nine = next(row for row in comparison.hours if (row.weekday, row.hour) == (0, 9))
    assert monday_nine.measured == 3.0
    assert monday_nine.planned is not None and monday_nine.planned > 0
    assert monday_nine.difference == pytest.approx(3.0 - monday_nine.planned)
    fees = next(row for row in comparison.stages if row.code == "fees")
    assert fees.planned == scenario_latest_version(scenario=scenario).inputs["service"]["stage_minutes"]["fees"]
    assert comparison.planned_per_week is not None and comparison.planned_per_week > 0


def test_applying_makes_a_new_version_whose_provenance_names_the_point_and_period(office):
    _receive_pattern(office, mondays_at_nine=20, tuesdays_at_two=10)
    scenario = scenario_create(actor=office.planner, name="Hà Tĩnh", province=office.province)

    version = calibration_apply(actor=office.planner, scenario=scenario, calibration=_measure(office))

    assert version.number == 2
    weights = version.inputs["profile"]
    # 20 a Monday, 10 a Tuesday: Monday to Friday average 6 a day
    assert weights["day_weights"]["mon"] == pytest.approx(20 / 6, abs=1e-3)
    assert weights["day_weights"]["tue"] == pytest.approx(10 / 6, abs=1e-3)
    assert weights["day_weights"]["wed"] == 0
    assert weights["hour_weights"]["09"] > 0 and weights["hour_weights"]["08"] == 0
    expected = "measured at point VNP.42.1 from 02/11/2026 to 15/11/2026, n = 60 dossiers"
    assert version.provenance["profile.day_weights.mon"] == expected
    assert version.provenance["profile.hour_weights.14"] == expected
    assert "service.stage_minutes.fees" not in version.provenance


def test_a_measure_with_too_few_samples_is_refused_and_nothing_is_written(office):
    _receive_pattern(office, mondays_at_nine=5, tuesdays_at_two=0)
    scenario = scenario_create(actor=office.planner, name="Hà Tĩnh", province=office.province)

    with pytest.raises(ApplicationError) as refused:
        calibration_apply(actor=office.planner, scenario=scenario, calibration=_measure(office))

    assert refused.value.code == "planner_calibration_too_few_samples"
    assert refused.value.field == "arrivals"
    assert "10" in refused.value.render("en") and str(MIN_SAMPLES) in refused.value.render("vi")
    assert " / " in refused.value.bilingual()
    assert scenario.versions.count() == 1
    version = calibration_apply(actor=office.planner, scenario=scenario, calibration=_measure(office), minimum=10)
    assert version.number == 2


def test_a_point_outside_the_planners_province_is_not_found(office):
    other = UserFactory()
    Assignment.objects.create(user=other, role=Role.PLANNER, province_id="82")
    with pytest.raises(ApplicationError) as refused:
        calibration_measure(user=other, point=office.point.code, since=SINCE, until=UNTIL)
    assert refused.value.code == "planner_calibration_point_not_found"


def test_the_command_prints_the_measures_as_json_and_applies_them(office):
    _receive_pattern(office, mondays_at_nine=20, tuesdays_at_two=10)
    scenario = scenario_create(actor=None, name="Hà Tĩnh", province=office.province)
    out = StringIO()
    with time_machine.travel(at("20/11/2026 08:00"), tick=False):
        call_command(
            "plan_calibrate",
            "--point",
            office.point.code,
            "--since",
            "02/11/2026",
            "--until",
            "15/11/2026",
            "--json",
            "--apply-to",
            scenario.name,
            stdout=out,
        )

    data = json.loads(out.getvalue())
    assert data["points"] == ["VNP.42.1"]
    assert data["period"] == {"start": "02/11/2026", "end": "15/11/2026", "weeks": 2.0}
    assert data["arrivals"]["count"] == 60 and data["arrivals"]["per_week"] == 30.0
    assert data["arrivals"]["per_hour"]["mon"]["09"] == 20.0
    assert {"code", "count", "mean", "p50", "p90", "planned"} <= set(data["stages"][0])
    assert data["applied"] == {"scenario": scenario.name, "version": 2}
    assert scenario.versions.count() == 2


def test_the_page_shows_measured_against_planned_and_one_click_uses_them(client, office):
    _receive_pattern(office, mondays_at_nine=20, tuesdays_at_two=10)
    scenario = scenario_create(actor=office.planner, name="Hà Tĩnh", province=office.province)
    query = {"point": office.point.code, "since": "02/11/2026", "until": "15/11/2026"}
    client.force_login(office.planner)

    with time_machine.travel(at("20/11/2026 08:00"), tick=False):
        page = client.get(reverse("planner:calibration"), query)
        assert page.status_code == 200
        assert "Dùng số đo".encode() in page.content and b'data-stage="transfer"' in page.content
        used = client.post(reverse("planner:calibration"), {**query, "scenario": scenario.pk, "measures": "arrivals"})

    assert used.status_code == 302
    version = scenario_latest_version(scenario=scenario)
    assert version.number == 2 and "VNP.42.1" in version.provenance["profile.day_weights.mon"]


def test_the_page_refuses_other_roles_and_other_provinces(client, office):
    query = {"point": office.point.code}
    trainer = _assign(Role.TRAINER)
    client.force_login(trainer)
    assert client.get(reverse("planner:calibration"), query).status_code == 403
    elsewhere = _assign(Role.PLANNER, province_id="82")
    client.force_login(elsewhere)
    assert client.get(reverse("planner:calibration"), query).status_code == 404


def _queue_mondays(office: Office, *, per_monday: int, service_minutes: int) -> None:
    """Each Monday of the two weeks ``per_monday`` "submit a dossier" tickets issued from 09:00, one a minute,
    each served at the counter for ``service_minutes``."""
    from motcua.agencies.models import Counter
    from motcua.tickets.models import QueueService, ServiceKind, TicketChannel
    from motcua.tickets.services import call_next, shift_open, ticket_finish, ticket_issue

    counter = Counter.objects.create(receiving_point=office.point, number=1, name="Quầy 1")
    service = QueueService.objects.create(
        point=office.point, kind=ServiceKind.SUBMIT, letter="A", name="Nộp hồ sơ", order=1, service_minutes=8
    )
    for week in range(2):
        nine = at("02/11/2026 09:00") + dt.timedelta(weeks=week)
        shift_open(user=office.clerk, counter=counter, at=nine)
        for n in range(per_monday):
            ticket_issue(
                point=office.point, service=service, channel=TicketChannel.KIOSK, at=nine + dt.timedelta(minutes=n)
            )
        last = None
        for n in range(per_monday):
            last = call_next(user=office.clerk, at=nine + dt.timedelta(minutes=30 + n * service_minutes))
        ticket_finish(
            user=office.clerk, label=last.label, at=nine + dt.timedelta(minutes=30 + per_monday * service_minutes)
        )


def test_queue_tickets_are_the_first_source_of_arrivals_and_counter_minutes(office):
    """GIVEN 15 tickets each Monday at 09:xx, each served in 12 minutes, and dossiers received on Tuesdays THEN the
    arrivals are the tickets' (the dossiers are the fallback only), the reception visit measures 12 minutes, and
    applying it shares 12 minutes between the reception stages as the plan shares its own, with the provenance."""
    _queue_mondays(office, per_monday=15, service_minutes=12)
    _receive_pattern(office, mondays_at_nine=0, tuesdays_at_two=3)

    measured = _measure(office)

    assert measured.arrivals.source == "queue tickets"
    assert measured.arrivals.count == 30 and measured.arrivals.per_hour[0 * 24 + 9] == 15.0
    assert measured.arrivals.counts[1 * 24 + 14] == 0  # the dossiers are not counted where tickets exist
    reception = measured.visit("reception")
    assert (reception.count, reception.mean, reception.p90) == (30, 12.0, 12.0)
    assert measured.visit("return") is None
    scenario = scenario_create(actor=office.planner, name="Hà Tĩnh", province=office.province)
    planned = scenario_latest_version(scenario=scenario).inputs["service"]["stage_minutes"]
    stages = ("guide", "receive", "digitize", "fees")

    version = calibration_apply(
        actor=office.planner, scenario=scenario, calibration=measured, measures=["arrivals", "visit:reception"]
    )

    minutes = version.inputs["service"]["stage_minutes"]
    assert sum(minutes[code] for code in stages) == pytest.approx(12.0, abs=0.2)
    total = sum(planned[code] for code in stages)
    assert minutes["receive"] == pytest.approx(round(planned["receive"] * 12 / total, 1))
    assert minutes["return_counter"] == planned["return_counter"]
    expected = "measured at point VNP.42.1 from 02/11/2026 to 15/11/2026, n = 30 queue tickets"
    assert version.provenance["service.stage_minutes.receive"] == expected
    assert version.provenance["profile.day_weights.mon"] == expected


def test_without_tickets_the_dossiers_are_measured_and_no_visit_is(office):
    _receive_pattern(office, mondays_at_nine=2, tuesdays_at_two=1)

    measured = _measure(office)

    assert measured.arrivals.source == "dossiers" and measured.arrivals.count == 6 and measured.visits == ()
    scenario = scenario_create(actor=office.planner, name="Hà Tĩnh", province=office.province)
    with pytest.raises(ApplicationError):
        calibration_apply(actor=office.planner, scenario=scenario, calibration=measured, measures=["visit:return"])
