"""Decision 766's "petitions handled on time" (766.feedback_on_time): the petitions whose answer was due in the
period, answered by then or refused by the acknowledgement's deadline, per province, agency and the country; not
applicable to a commune or a point (docs/indicators.md, "The indicators")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from time_machine import travel

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.core.errors import ApplicationError
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Complaint
from motcua.feedback.services import (
    complaint_acknowledge,
    complaint_answer,
    complaint_file,
    complaint_refuse,
)
from motcua.indicators.definitions import Definition, configured_definitions
from motcua.indicators.models import IndicatorFigure, Source
from motcua.indicators.periods import period_parse
from motcua.indicators.scopes import scope_parse
from motcua.indicators.scores import indicator_ranking, indicator_scores
from motcua.indicators.services import (
    indicator_figures_keep,
    indicator_set_create,
    indicator_set_ensure,
    indicator_set_publish,
)
from motcua.indicators.views_figures import lost_url
from tests.dossiers.conftest import at
from tests.factories import UserFactory

from .support import lost_points_page, received

pytestmark = pytest.mark.django_db

MAY, JUNE = period_parse("2026-05"), period_parse("2026-06")
CODE = "766.feedback_on_time"
GROUP = "satisfaction"
# Wednesday 29/04/2026 09:00; 30/4 and 1/5 are holidays, then a weekend: to acknowledge or refuse by Tuesday
# 05/05 09:00 (2 working days), to answer by Friday 22/05 09:00 (15 working days) — due in May.
FILED = "29/04/2026 09:00"


@dataclass
class Petitions:
    on_time: Complaint  # about a dossier of the committee, answered 20/05
    late: Complaint  # about a dossier of the committee, answered 25/05
    open_past_due: Complaint  # province 42, about no dossier, never handled
    refused_in_time: Complaint  # province 42, refused 04/05
    refused_late: Complaint  # province 42, refused 06/05, after the acknowledgement's deadline
    elsewhere: Complaint  # Nghệ An (40), answered on time
    due_in_june: Complaint  # province 42, filed 20/05 (due in June), answered 25/05


def _file(*, when: str = FILED, **about) -> Complaint:
    return complaint_file(
        name="Nguyễn Văn An", phone="0912345678", email="", category="handling", subject="Chậm trả kết quả",
        body="Hồ sơ trễ hẹn.", now=at(when), **about,
    )  # fmt: skip


def _answered(complaint: Complaint, user, when: str) -> Complaint:
    complaint_acknowledge(complaint=complaint, user=user, now=at("04/05/2026 10:00"))
    return complaint_answer(complaint=complaint, user=user, answer="Đã xử lý.", now=at(when))


@pytest.fixture
def petitions(world, second_province) -> Petitions:
    """One dossier received in each province in May (so both are ranked), and the seven petitions above."""
    dossier = received(world)
    moved = received(world)
    Dossier.objects.filter(pk=moved.pk).update(receiving_point=second_province)
    admin = UserFactory()
    Assignment.objects.create(user=admin, role=Role.ADMINISTRATOR)
    nghe_an = second_province.commune.province
    result = Petitions(
        on_time=_answered(_file(dossier=dossier), world.onestop, "20/05/2026 10:00"),
        late=_answered(_file(dossier=dossier), world.onestop, "25/05/2026 10:00"),
        open_past_due=_file(province=world.province),
        refused_in_time=complaint_refuse(
            complaint=_file(province=world.province), user=world.onestop, reason="Trùng lặp",
            now=at("04/05/2026 10:00"),
        ),
        refused_late=complaint_refuse(
            complaint=_file(province=world.province), user=world.onestop, reason="Trùng lặp",
            now=at("06/05/2026 10:00"),
        ),
        elsewhere=_answered(_file(province=nghe_an), admin, "21/05/2026 10:00"),
        due_in_june=_answered(_file(province=world.province, when="20/05/2026 09:00"), world.onestop,
                              "25/05/2026 10:00"),
    )  # fmt: skip
    assert result.late.answer_due_at == at("22/05/2026 09:00") and result.late.answered_at > result.late.answer_due_at
    assert result.refused_late.refused_at > result.refused_late.ack_due_at
    assert result.due_in_june.answer_due_at.month == 6
    assert result.on_time.agency == world.committee and result.open_past_due.agency is None
    return result


@pytest.fixture
def scored(petitions) -> Petitions:
    """The petitions, and the built-in set published."""
    indicator_set_ensure()
    return petitions


def _line(scope: str, period=MAY):
    scores = indicator_scores(scope_parse(scope), period)
    return next(line for line in scores.lines if line.indicator.code == CODE)


@pytest.mark.parametrize(
    ("scope", "numerator", "denominator", "points"),
    [
        # on time, refused in time ÷ on time, late, open past due, refused in time, refused late: 2/5 × 6
        ("province:42", 2, 5, 2.4),
        ("province:40", 1, 1, 6.0),  # Nghệ An's one, answered on time
        ("agency:H30.X01", 1, 2, 3.0),  # the two about the committee's dossier; those about no dossier have none
        ("country", 3, 6, 3.0),  # every petition due in May, whichever province
    ],
)
def test_petitions_due_in_the_month_are_counted_per_scope(scored, scope, numerator, denominator, points):
    line = _line(scope)
    assert (line.numerator, line.denominator) == (numerator, denominator)
    assert line.applicable and line.points == pytest.approx(points)


@pytest.mark.parametrize("scope", ["commune:18073", "point:VNP.42.1"])
def test_a_commune_or_a_point_has_no_petitions_of_its_own_and_loses_nothing(scored, scope):
    line = _line(scope)
    assert (line.numerator, line.denominator, line.applicable) == (0, 0, False)
    assert line.points == 6


def test_the_group_keeps_its_eighteen_points_shared_with_the_satisfaction_formula(scored):
    scores = indicator_scores(scope_parse("province:42"), MAY)
    weights = {line.indicator.code: line.indicator.weight for line in scores.lines if line.indicator.group == GROUP}
    assert weights == {"766.satisfaction": Decimal("12"), CODE: Decimal("6")}
    # No dossier ended in May: the formula is not applicable (12); the petitions earn 2/5 of 6.
    assert scores.groups["satisfaction"] == pytest.approx(12 + 2.4)


def test_a_petition_counts_in_the_month_its_answer_was_due_not_the_month_it_was_answered(scored):
    line = _line("province:42", JUNE)
    assert (line.numerator, line.denominator) == (1, 1)  # answered 25/05, due in June


def test_an_open_petition_not_yet_due_is_left_out_until_due_then_counts_late(world):
    _file(province=world.province)
    indicator_set_ensure()
    with travel(at("15/05/2026 08:00"), tick=False):
        before = _line("province:42")
    with travel(at("22/05/2026 09:01"), tick=False):
        after = _line("province:42")
    assert (before.numerator, before.denominator, before.applicable) == (0, 0, False)
    assert (after.numerator, after.denominator, after.points) == (0, 1, 0)


def test_the_ranking_counts_each_provinces_and_departments_petitions(scored, world):
    received(world, lead_agency=world.police)  # the police lead a dossier in May: ranked, with no petition
    provinces = indicator_ranking(period=MAY)
    assert [r.scores.scope.code for r in provinces] == ["40", "42"]
    totals = {r.scores.scope.code: r.scores.total for r in provinces}
    for code, total in totals.items():
        own = indicator_scores(scope_parse(f"province:{code}"), MAY)
        assert total == own.total
    assert totals["40"] - totals["42"] == pytest.approx(6 - 2.4)  # the same dossier figures; 6 against 2.4

    agencies = indicator_ranking(period=MAY, within=scope_parse("province:42"), level="agency")
    lines = {r.scores.scope.code: next(x for x in r.scores.lines if x.indicator.code == CODE) for r in agencies}
    assert [r.scores.scope.code for r in agencies] == ["H30.CA", "H30.X01"]
    assert (lines["H30.X01"].numerator, lines["H30.X01"].denominator) == (1, 2)
    assert lines["H30.CA"].applicable is False
    communes = indicator_ranking(period=MAY, within=scope_parse("province:42"), level="commune")
    line = next(x for x in communes[0].scores.lines if x.indicator.code == CODE)
    assert line.applicable is False


KEPT = ("indicator__code", "numerator", "denominator", "points", "computed_at")


def _before_the_petitions() -> list[Definition]:
    """The built-in definitions as they were before this indicator: satisfaction weighed the group's 18."""
    return [
        replace(d, weight=Decimal("18")) if d.code == "766.satisfaction" else d
        for d in configured_definitions()
        if d.code != CODE
    ]


def test_the_new_definition_publishes_a_new_version_and_leaves_the_kept_figures_of_a_closed_month(petitions):
    old = indicator_set_publish(indicator_set=indicator_set_create(name="766", definitions=_before_the_petitions()))
    old_scores = indicator_scores(scope_parse("province:42"), MAY, old)
    assert indicator_figures_keep(scores=old_scores).stored == 11
    kept = list(IndicatorFigure.objects.values_list(*KEPT))

    ensured = indicator_set_ensure()
    assert ensured.created and ensured.indicator_set.version == old.version + 1
    new = ensured.indicator_set
    assert new.indicators.get(code=CODE).source == Source.FEEDBACK
    assert not old.indicators.filter(code=CODE).exists()
    assert old.indicators.get(code="766.satisfaction").weight == Decimal("18")

    again = indicator_figures_keep(scores=indicator_scores(scope_parse("province:42"), MAY))
    assert (again.stored, again.other_versions) == (12, [old.version])
    assert indicator_figures_keep(scores=old_scores).stored == 0
    old_figures = IndicatorFigure.objects.filter(indicator_set=old)
    assert list(old_figures.values_list(*KEPT)) == kept
    figure = IndicatorFigure.objects.get(indicator_set=new, indicator__code=CODE)
    assert (figure.numerator, figure.denominator, figure.points) == (2, 5, Decimal("2.40"))
    assert not indicator_set_ensure().created


def test_a_feedback_definition_must_name_the_petitions_filters():
    feedback = next(d for d in configured_definitions() if d.code == CODE)
    with pytest.raises(ApplicationError) as refused:
        indicator_set_create(name="test", definitions=[replace(feedback, denominator="finished")])
    assert refused.value.code == "indicator_filter_unknown"


def test_the_lost_points_of_the_petitions_have_no_dossier_page(scored, client, world):
    scope = scope_parse("province:42")
    line = _line("province:42")
    assert line.points < 6 and lost_url(scope, MAY, line) is None
    page = lost_points_page(client, world, CODE)
    assert page.status_code == 400
    assert "đếm phản ánh, kiến nghị, không đếm hồ sơ" in page.content.decode()  # not "the queue's tickets"
