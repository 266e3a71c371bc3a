"""Attribution: which dossiers and which stage lost each point, the projection and the alert list."""

from __future__ import annotations

import pytest
from django.urls import reverse
from time_machine import travel

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.dossiers.models import Completion, Dossier
from motcua.indicators.attribution import alert_list, lost_points, score_projection
from motcua.indicators.periods import period_parse
from motcua.indicators.scopes import scope_parse
from motcua.indicators.services import indicator_set_ensure
from motcua.stages.models import StageCode
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.dossiers.transitions_support import advance_to_decision, perform
from tests.factories import UserFactory

from .support import approved, received

pytestmark = pytest.mark.django_db
MAY = period_parse("2026-05")


@pytest.fixture(autouse=True)
def attribution_settings_on(settings):
    """The attribution's settings at their defaults (``motcua.conf.attribution``), stated so the tests do not move
    with a deployment's values."""
    settings.INDICATOR_STAGE_ALLOWANCES = ["transfer=480"]
    settings.INDICATOR_ALERT_WORKING_HOURS = 8
    settings.INDICATOR_LOST_PAGE_SIZE = 25
    indicator_set_ensure()


def _decided(world, dossier: Dossier, when: str) -> Dossier:  # noqa: F811
    with travel(at(when), tick=False):
        dossier = advance_to_decision(world, dossier)
    return approved(world, dossier, when=when)


@pytest.fixture
def late_month(world):  # noqa: F811
    """May 2026: one dossier late at the agency (its appraisal took a week), one late at the post (transferred four
    working days after reception), one on time. Office hours 07:00–11:30 and 13:30–17:00; five working days."""
    agency_late = _decided(world, received(world), "13/05/2026 10:00")
    with travel(at("04/05/2026 09:00"), tick=False):
        waiting = world.receive(received_at=at("04/05/2026 09:00"))
    with travel(at("08/05/2026 09:00"), tick=False):
        waiting = perform(world, waiting, "transfer")
    postal_late = _decided(world, waiting, "11/05/2026 10:00")
    on_time = _decided(world, received(world), "06/05/2026 10:00")
    assert [d.completion for d in (agency_late, postal_late, on_time)] == [
        Completion.LATE,
        Completion.LATE,
        Completion.EARLY,
    ]
    return agency_late, postal_late, on_time


def test_each_late_dossier_is_attributed_to_the_stage_and_side_that_overran(world, late_month):  # noqa: F811
    agency_late, postal_late, _ = late_month
    lost = lost_points(scope_parse("province:42"), MAY, "766.on_time")

    rows = {row.dossier.code: row for row in lost.rows}
    assert set(rows) == {agency_late.code, postal_late.code}
    at_agency = rows[agency_late.code]
    assert (at_agency.worst.code, at_agency.worst.side) == (StageCode.AGENCY_PROCESSING, "agency")
    assert at_agency.worst.step.startswith("Thẩm định")
    assert at_agency.postal_hours == 0
    # The appraisal ran from 04/05 09:00 to 13/05 10:00 (57 working hours), the other steps took no time: the
    # agency's steps were planned 12 + 8 (the parallel group) + 4 working hours.
    assert at_agency.agency_hours == 57 - 24
    at_post = rows[postal_late.code]
    assert (at_post.worst.code, at_post.worst.side) == (StageCode.TRANSFER, "postal")
    # 32 working hours from reception to transfer, against 3 minutes plus the allowed working day.
    assert at_post.postal_hours == round((32 * 60 - 483) / 60, 1)
    assert at_post.agency_hours == 0


def test_points_lost_are_shared_by_the_late_dossiers_and_totalled_by_stage(world, late_month):  # noqa: F811
    lost = lost_points(scope_parse("province:42"), MAY, "766.on_time")

    assert (lost.line.numerator, lost.line.denominator) == (1, 3)
    assert lost.points_lost == round(20 - 20 / 3, 2)
    assert lost.points_each == pytest.approx((20 - 20 / 3) / 2)
    assert lost.marginal_each == pytest.approx(20 / 3)
    totals = {t.code: t for t in lost.stage_totals}
    assert set(totals) == {StageCode.TRANSFER, StageCode.AGENCY_PROCESSING}
    assert totals[StageCode.TRANSFER].side == "postal" and totals[StageCode.TRANSFER].dossiers == 1
    assert totals[StageCode.AGENCY_PROCESSING].points == round((20 - 20 / 3) / 2, 2)
    assert lost.side_totals == {"postal": 6.67, "agency": 6.67, "unattributed": 0.0}


def test_a_ratio_lists_the_dossiers_outside_its_numerator(world, late_month):  # noqa: F811
    lost = lost_points(scope_parse("province:42"), MAY, "766.online_rate")

    assert not lost.attributes_stages
    assert {row.dossier.code for row in lost.rows} == {d.code for d in late_month}


def test_the_projection_counts_open_dossiers_on_time_unless_already_overdue(world, late_month):  # noqa: F811
    received(world, when="20/05/2026 09:00")  # due 27/05: still in time on 21/05
    received(world, when="04/05/2026 10:00")  # due 11/05: overdue on 21/05
    projection = score_projection(scope_parse("province:42"), MAY, now=at("21/05/2026 09:00"))

    assert (projection.open_on_time, projection.open_late) == (1, 1)
    on_time = {line.indicator.code: line for line in projection.projected.lines}["766.on_time"]
    assert (on_time.numerator, on_time.denominator) == (2, 5)
    assert projection.projected.total > projection.current.total


def _alert_world(world):  # noqa: F811
    soon = received(world, when="04/05/2026 10:00")  # due 11/05 10:00, at the agency
    with travel(at("04/05/2026 14:00"), tick=False):
        later = world.receive(received_at=at("04/05/2026 14:00"))  # due 11/05 14:00, not transferred
    far = received(world, when="05/05/2026 09:00")  # due 12/05 09:00: beyond 8 working hours
    elsewhere = received(world, when="04/05/2026 11:00")
    Dossier.objects.filter(pk=elsewhere.pk).update(receiving_point=world.other_office)
    return soon, later, far, elsewhere


def _supervisor(world):  # noqa: F811
    user = UserFactory()
    Assignment.objects.create(user=user, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    return user


def test_the_alert_list_orders_dossiers_due_soon_with_their_stage_and_keeps_to_the_scope(world):  # noqa: F811
    soon, later, _far, elsewhere = _alert_world(world)
    now = at("11/05/2026 08:00")

    alerts = alert_list(scope_parse("point:VNP.42.1"), now=now)
    assert [a.dossier.code for a in alerts] == [soon.code, later.code]
    assert [a.stage.code for a in alerts] == [StageCode.AGENCY_PROCESSING, StageCode.TRANSFER]
    assert all(a.points_at_stake > 0 for a in alerts)
    assert alerts[0].step.startswith("Thẩm định")
    everywhere = alert_list(scope_parse("province:42"), now=now)
    assert [a.dossier.code for a in everywhere] == [soon.code, elsewhere.code, later.code]


def test_the_pages_answer_supervisors_only_and_show_their_own_dossiers(world, late_month, client):  # noqa: F811
    soon, later, _far, elsewhere = _alert_world(world)
    url = reverse("indicators:lost")
    query = {"scope": "province:42", "period": "2026-05", "chi-so": "766.on_time"}
    assert client.get(url, query).status_code == 302
    client.force_login(world.clerk)
    assert client.get(url, query).status_code == 403

    client.force_login(_supervisor(world))
    page = client.get(url, query)
    assert page.status_code == 200
    text = page.content.decode()
    assert reverse("desk:dossier", args=[late_month[1].code]) in text
    with travel(at("11/05/2026 08:00"), tick=False):
        alerts = client.get(reverse("indicators:alerts"), {"scope": "province:42"})
    assert alerts.status_code == 200
    codes = [code for code in (soon.code, later.code, elsewhere.code) if code in alerts.content.decode()]
    assert codes == [soon.code, later.code]  # the other office is not theirs


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"chi-so": "766.nope"}, 400),
        ({"chi-so": "468.wait"}, 400),
        ({"chi-so": "766.on_time\x00"}, 400),  # refused by the input guard before the view
        ({"scope": "planet:1"}, 400),
        ({"scope": "province:99"}, 404),
        ({"period": "2026-13"}, 400),
        ({"trang": "99999999999999999999"}, 200),
    ],
)
def test_bad_input_gets_a_clear_error_not_a_crash(world, client, query, status):  # noqa: F811
    client.force_login(_supervisor(world))
    page = client.get(reverse("indicators:lost"), {"scope": "province:42", "period": "2026-05", **query})
    assert page.status_code == status
    if status != 200 and not any("\x00" in value for value in query.values()):
        assert 'role="alert"' in page.content.decode()
