"""Simulation runs: queued → done with progress and a result, cancelled mid-way, delivered twice, and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from motcua.agencies.models import Role, StaffAssignment
from motcua.core.errors import ApplicationError
from motcua.localities.models import Commune, Province
from motcua.planner.models import RunStatus, SimulationRun
from motcua.planner.runs import simulation_run_cancel, simulation_run_execute, simulation_run_start
from motcua.planner.scenarios import scenario_create
from motcua.planner.selectors import scenario_latest_version
from tests.factories import UserFactory

from .conftest import DONG_THAP, HA_TINH

MONDAY = dt.date(2026, 11, 2)


@pytest.fixture
def version(planner_ha_tinh):
    scenario = scenario_create(actor=planner_ha_tinh, name="Hà Tĩnh", province=Province.objects.get(code=HA_TINH))
    return scenario_latest_version(scenario=scenario)


@pytest.fixture
def commune(country_map) -> Commune:
    return Commune.objects.filter(province_id=HA_TINH).order_by("code").first()


def test_a_run_goes_from_queued_to_done_with_progress_and_a_result(
    planner_ha_tinh, version, commune, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        run = simulation_run_start(actor=planner_ha_tinh, version=version, commune=commune, day=MONDAY, days=3)
    assert (run.status, run.progress) == (RunStatus.QUEUED, 0.0)
    assert len(queued) == 1, "the task is sent once the run is committed"

    for callback in queued:  # Celery runs eagerly in tests: the task runs here
        callback()

    run.refresh_from_db()
    assert (run.status, run.progress, run.attempts) == (RunStatus.DONE, 1.0, 1)
    result = run.result
    assert result["days_simulated"] == 3 and not result["cancelled"]
    assert result["arrivals"] > 0 and result["served"] + result["abandoned"] == result["arrivals"]
    assert 0 <= result["p_wait"] <= 1 and 0 <= result["service_level"] <= 1
    assert result["wait_p50_seconds"] <= result["wait_p90_seconds"] <= result["wait_p95_seconds"]
    assert sum(row["count"] for row in result["histogram"]) == result["served"]
    assert set(result["analytic"]) == {"p_wait", "service_level", "abandon_rate"}
    assert result["erlang_assumptions"] is True
    assert all(hour["servers"] >= 0 for hour in result["hours"]) and result["hours"][0]["hour"] == 7


def test_a_run_delivered_again_once_done_does_nothing(planner_ha_tinh, version, commune):
    run = simulation_run_start(actor=planner_ha_tinh, version=version, commune=commune, day=MONDAY)
    simulation_run_execute(run_id=run.pk)
    first = SimulationRun.objects.get(pk=run.pk)

    again = simulation_run_execute(run_id=run.pk)

    assert (again.status, again.attempts, again.result) == (RunStatus.DONE, 1, first.result)


def test_a_run_cancelled_after_its_first_progress_ends_cancelled_with_partial_progress(
    planner_ha_tinh, version, commune
):
    run = simulation_run_start(actor=planner_ha_tinh, version=version, commune=commune, day=MONDAY, days=5)
    reports: list[float] = []

    def cancel_on_first_report(progress: float) -> None:
        reports.append(progress)
        if len(reports) == 1:
            simulation_run_cancel(run=run, actor=planner_ha_tinh)

    ended = simulation_run_execute(run_id=run.pk, on_progress=cancel_on_first_report)

    assert ended.status == RunStatus.CANCELLED
    assert 0 < ended.progress < 1
    assert ended.progress == reports[0]
    assert ended.result["cancelled"] is True and ended.result["days_simulated"] < 5


def test_a_queued_run_cancelled_never_runs(planner_ha_tinh, version, commune):
    run = simulation_run_start(actor=planner_ha_tinh, version=version, commune=commune, day=MONDAY)
    simulation_run_cancel(run=run, actor=planner_ha_tinh)

    ended = simulation_run_execute(run_id=run.pk)

    assert (ended.status, ended.progress, ended.result) == (RunStatus.CANCELLED, 0.0, None)
    with pytest.raises(ApplicationError):
        run.status = RunStatus.DONE
        run.save()
        simulation_run_cancel(run=run, actor=planner_ha_tinh)


def test_a_sunday_is_refused_when_the_centre_is_closed(planner_ha_tinh, version, commune):
    with pytest.raises(ApplicationError) as refused:
        simulation_run_start(actor=planner_ha_tinh, version=version, commune=commune, day=dt.date(2026, 11, 8))
    assert (refused.value.code, refused.value.field) == ("planner_run_day_closed", "day")
    assert not SimulationRun.objects.exists()


def test_pages_answer_by_role_and_scope(client, planner_ha_tinh, planner_dong_thap, trainer, version, commune):
    run = simulation_run_start(actor=planner_ha_tinh, version=version, commune=commune, day=MONDAY)
    run = simulation_run_execute(run_id=run.pk)
    detail = reverse("planner:run", args=[run.pk])

    client.force_login(planner_ha_tinh)
    page = client.get(detail)
    assert page.status_code == 200
    assert b"<svg" in page.content and str(run.result["arrivals"]).encode() in page.content
    assert client.get(reverse("planner:runs")).status_code == 200
    assert client.get(reverse("planner:calibration")).status_code == 200

    client.force_login(planner_dong_thap)
    assert client.get(detail).status_code == 404, "another province's run is not found"

    client.force_login(trainer)
    assert client.get(detail).status_code == 403
    assert client.get(reverse("planner:calibration")).status_code == 403


def test_the_start_page_queues_a_run_and_the_cancel_button_cancels_it(
    client, planner_ha_tinh, version, commune, django_capture_on_commit_callbacks
):
    client.force_login(planner_ha_tinh)
    with django_capture_on_commit_callbacks(execute=False):
        answer = client.post(
            reverse("planner:runs"),
            {"version": version.pk, "commune": commune.code, "day": "02/11/2026", "days": "2"},
        )
    run = SimulationRun.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("planner:run", args=[run.pk])
    assert run.parameters["days"] == 2 and run.created_by == planner_ha_tinh

    progress = client.get(reverse("planner:run", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 1s"' in progress.content

    client.post(reverse("planner:run_cancel", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED


def test_an_administrator_sees_every_province(client, version, commune):
    admin = UserFactory()
    StaffAssignment.objects.create(user=admin, role=Role.ADMINISTRATOR)
    run = simulation_run_start(actor=admin, version=version, commune=commune, day=MONDAY)
    client.force_login(admin)
    assert client.get(reverse("planner:run", args=[run.pk])).status_code == 200
    assert DONG_THAP  # the other province exists in the loaded map
