"""Each indicator's numerator and denominator on a small month, points, grades and rankings
(docs/indicators.md, "Scores")."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import Dossier
from motcua.indicators.periods import period_parse
from motcua.indicators.scopes import scope_parse
from motcua.indicators.scores import grade, indicator_ranking, indicator_scores
from motcua.indicators.services import indicator_set_ensure

pytestmark = pytest.mark.django_db

MAY = period_parse("2026-05")


def _lines(scores):
    return {line.indicator.code: line for line in scores.lines}


def test_each_indicator_counts_its_numerator_and_denominator(month):
    indicator_set_ensure()
    fee_bearing = Dossier.objects.filter(fees_charged__gt=0).count()
    lines = _lines(indicator_scores(scope_parse("province:42"), MAY))
    counted = {code: (line.numerator, line.denominator) for code, line in lines.items()}
    assert counted == {
        "766.synced": (3, 6),  # A, B, C of the six received
        "766.on_time": (3, 4),  # A, D, F of the four measured (C is open, E refused)
        "766.online_rate": (2, 6),  # B, C
        "766.paid_online": (1 if fee_bearing else 0, fee_bearing),  # A
        "766.satisfaction": (3, 4),  # late B, complaint B, dislike D
        "766.feedback_on_time": (0, 1),  # B's petition, due 07/05 and never answered
        "766.electronic_result": (1, 4),  # A of the four approved
        "766.digitized": (2, 6),  # A, B
        "766.reuse": (1, 6),  # A
        "468.wait": (0, 0),  # no tickets
        "468.not_asked_again": (1, 6),
        "766.procedures_online": (0, 0),  # the world's one procedure was published when the test ran, after May
    }
    assert lines["766.satisfaction"].rate == pytest.approx(0.25)  # 100% − 3 ÷ 4


def test_points_are_full_at_the_threshold_and_proportional_below(month):
    indicator_set_ensure()
    lines = _lines(indicator_scores(scope_parse("country"), MAY))
    assert lines["766.online_rate"].points == pytest.approx(6 * (2 / 6) / 0.5)  # 6 of the group's 12
    assert lines["766.on_time"].points == pytest.approx(20 * 0.75)  # threshold 100%: strictly proportional
    assert lines["766.satisfaction"].points == pytest.approx(12 * 0.25 / 0.9)  # 12 of the group's 18
    assert lines["766.feedback_on_time"].points == 0  # 0 of 1 petition handled on time: none of its 6 points
    assert lines["468.not_asked_again"].target_met is False
    assert lines["468.wait"].applicable is False and lines["468.wait"].points == 0  # weighs nothing in the 100


def test_an_indicator_at_or_above_its_threshold_earns_full_points(month, settings):
    settings.INDICATOR_THRESHOLDS = ["766.online_rate=0.3"]
    indicator_set_ensure()
    line = _lines(indicator_scores(scope_parse("point:VNP.42.1"), MAY))["766.online_rate"]
    assert line.rate == pytest.approx(1 / 3) and line.points == 6


def test_groups_add_up_to_the_total_and_the_total_gets_a_grade(month):
    indicator_set_ensure()
    scores = indicator_scores(scope_parse("commune:18073"), MAY)
    assert list(scores.groups) == ["transparency", "progress", "online", "payment", "satisfaction", "digitization"]
    assert scores.total == pytest.approx(sum(scores.groups.values()), abs=0.02)
    assert scores.grade == grade(scores.total)


def test_an_empty_period_loses_nothing_but_says_nothing_was_counted(month):
    indicator_set_ensure()
    scores = indicator_scores(scope_parse("agency:H30.X01"), period_parse("2026-07"))
    assert scores.received == 0
    assert all(not line.applicable for line in scores.lines)


@pytest.mark.parametrize(
    ("total", "expected"),
    [(100, "Tốt"), (80, "Tốt"), (79.99, "Khá"), (65, "Khá"), (50, "Trung bình"), (49.9, "Yếu kém")],
)
def test_grades_follow_the_configured_boundaries(total, expected, settings):
    settings.INDICATOR_GRADES = [80, 65, 50]
    assert grade(total) == expected


def test_longer_periods_hold_the_month(month):
    indicator_set_ensure()
    for key in ("2026-Q2", "2026-H1", "2026-9M", "2026"):
        assert indicator_scores(scope_parse("country"), period_parse(key)).received == 6
    assert indicator_scores(scope_parse("country"), period_parse("2026-H2")).received == 0


def test_the_ranking_of_provinces_agrees_with_each_provinces_own_scores(month, second_province):
    Dossier.objects.filter(pk__in=[month.b.pk, month.c.pk]).update(receiving_point=second_province)
    indicator_set_ensure()
    ranking = indicator_ranking(period=MAY)
    assert [r.scores.scope.code for r in ranking] == sorted(["42", "40"], key=lambda c: -next(
        x.scores.total for x in ranking if x.scores.scope.code == c))  # fmt: skip
    for ranked in ranking:
        own = indicator_scores(scope_parse(f"province:{ranked.scores.scope.code}"), MAY)
        assert ranked.scores.total == own.total
        assert ranked.scores.grade == own.grade
    assert [r.rank for r in ranking] == [1, 2]
    assert ranking[0].scores.total >= ranking[1].scores.total


def test_within_a_province_departments_and_communes_are_ranked_apart(month):
    indicator_set_ensure()
    province = scope_parse("province:42")
    agencies = indicator_ranking(period=MAY, within=province, level="agency")
    communes = indicator_ranking(period=MAY, within=province, level="commune")
    assert [r.scores.scope.code for r in agencies] == ["H30.X01"]
    assert [r.scores.scope.code for r in communes] == ["18073"]
    assert communes[0].scores.total == indicator_scores(scope_parse("commune:18073"), MAY).total
