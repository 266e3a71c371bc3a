"""Issue 15, item 6: the rollups give the same counts as the direct computation — after a rebuild, after each
kind of change folded incrementally, after a partial or resumed rebuild, and after ``synth_dossiers``
(docs/indicators.md, "Rollups")."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F, Sum

from motcua.dossiers.models import Dossier
from motcua.indicators.facts import FACT_FILTERS
from motcua.indicators.models import DossierFactSnapshot, DossierRollup, RollupBuild
from motcua.indicators.periods import period_parse
from motcua.indicators.rollups import (
    ROLLUP_COLUMNS,
    rollups_check,
    rollups_fold,
    rollups_ready,
    rollups_rebuild,
)
from motcua.indicators.scopes import scope_parse
from motcua.indicators.scores import indicator_ranking, indicator_scores
from motcua.indicators.services import indicator_set_ensure
from tests.synthetic.test_synth import ARGS as SYNTH_ARGS
from tests.synthetic.test_synth import ready  # noqa: F401 - the synthetic tests' world

from .support import ONLINE, approved, complain, pay_online, rate, received, supplemented

pytestmark = pytest.mark.django_db

MAY = period_parse("2026-05")
YEAR = period_parse("2026")


def _figures(scores) -> list[tuple]:
    return [(line.indicator.code, line.numerator, line.denominator, line.points) for line in scores.lines]


def _assert_agree(scope_text: str, period=MAY) -> None:
    assert rollups_ready()
    scope = scope_parse(scope_text)
    rolled, direct = indicator_scores(scope, period), indicator_scores(scope, period, direct=True)
    assert _figures(rolled) == _figures(direct)
    assert (rolled.received, rolled.total) == (direct.received, direct.total)


def _rolled_received() -> int:
    return DossierRollup.objects.aggregate(n=Sum("n_received"))["n"] or 0


def test_every_fact_filter_has_a_rollup_column():
    columns = {f.name for f in DossierRollup._meta.fields if f.name.startswith("n_")}
    assert set(ROLLUP_COLUMNS.values()) == columns
    assert set(ROLLUP_COLUMNS) == set(FACT_FILTERS)


def test_before_a_rebuild_the_scores_count_directly(month):
    indicator_set_ensure()
    assert not rollups_ready()
    assert indicator_scores(scope_parse("province:42"), MAY).received == 6
    assert DossierRollup.objects.count() == 0  # nothing folded: on-commit work does not run inside a test


def test_a_rebuild_agrees_with_the_direct_count_for_every_scope(month):
    indicator_set_ensure()
    assert rollups_rebuild(chunk=2) == Dossier.objects.count()
    assert _rolled_received() == 6
    world = month.world
    for scope in ("province:42", "country", f"commune:{world.commune.code}", f"point:{world.office.code}",
                  f"agency:{world.committee.code}"):  # fmt: skip
        _assert_agree(scope)
        _assert_agree(scope, YEAR)
    rolled = indicator_ranking(period=MAY, within=scope_parse("province:42"), level="commune")
    direct = indicator_ranking(period=MAY, within=scope_parse("province:42"), level="commune", direct=True)
    assert [(r.rank, r.scores.scope.code, r.scores.total) for r in rolled] == [
        (r.rank, r.scores.scope.code, r.scores.total) for r in direct
    ]
    assert rollups_check() == []


def test_changes_are_folded_when_their_transaction_commits(world, django_capture_on_commit_callbacks):
    """GIVEN rollups built before any dossier WHEN dossiers are received, move on (the outbox delivering them),
    are paid, rated and complained about, each change committed THEN the rollups, changed only by the on-commit
    folds, agree with the direct count."""
    indicator_set_ensure()
    rollups_rebuild()
    assert rollups_ready() and _rolled_received() == 0
    with django_capture_on_commit_callbacks(execute=True):
        a = approved(world, received(world), when="06/05/2026 10:00")
        b = received(world, **ONLINE)
    assert _rolled_received() == 2
    with django_capture_on_commit_callbacks(execute=True):
        b = supplemented(world, b, when="12/05/2026 10:00")
        b = supplemented(world, b, when="13/05/2026 10:00")
        approved(world, b, when="20/05/2026 10:00")  # late: two supplement requests during processing
    assert DossierRollup.objects.aggregate(n=Sum("n_late"))["n"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        pay_online(a)
        rate(a, "dissatisfied")
        complain(b, world.province)
    with django_capture_on_commit_callbacks(execute=True):
        late_comer = received(world, when="18/05/2026 09:00")
    assert DossierFactSnapshot.objects.filter(dossier=late_comer).exists()
    assert _rolled_received() == 3
    assert DossierRollup.objects.aggregate(n=Sum("n_complaint_or_dislike"))["n"] == 2
    _assert_agree("province:42")
    _assert_agree("country", YEAR)
    assert rollups_check() == []


def test_folding_a_dossier_again_changes_nothing(month):
    indicator_set_ensure()
    rollups_rebuild()
    before = list(DossierRollup.objects.order_by("pk").values())
    rollups_fold(dossier_ids=[month.a.pk, month.b.pk, month.a.pk])
    rollups_fold(dossier_ids=Dossier.objects.values_list("pk", flat=True))
    assert list(DossierRollup.objects.order_by("pk").values()) == before


def test_check_reports_a_rollup_that_went_wrong_and_a_rebuild_from_a_month_sets_it_right(month, capsys):
    indicator_set_ensure()
    call_command("indicators_rebuild", "--check")
    assert "rollups agree" in capsys.readouterr().out
    DossierRollup.objects.filter(n_on_time__gt=0).update(n_on_time=F("n_on_time") + 1)
    with pytest.raises(CommandError) as failed:
        call_command("indicators_rebuild", "--check-only")
    assert failed.value.returncode == 1
    assert "2026-05 42 on_time" in capsys.readouterr().out
    call_command("indicators_rebuild", "--from", "2026-05", "--check")
    assert "rollups agree" in capsys.readouterr().out
    _assert_agree("province:42")


def test_an_interrupted_rebuild_resumes_after_the_last_dossier_done(month):
    indicator_set_ensure()

    def stop_after_two(done: int, total: int) -> None:
        if done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rollups_rebuild(chunk=1, progress=stop_after_two)
    build = RollupBuild.objects.get()
    assert (build.folded, build.finished_at) == (2, None)
    assert not rollups_ready()  # half a history is never read
    assert rollups_rebuild(chunk=1) == Dossier.objects.count() - 2
    assert RollupBuild.objects.get().finished_at is not None
    _assert_agree("province:42")


@pytest.mark.parametrize("text", ["2026", "2026-13", "mai", "2026-Q2"])
def test_a_wrong_from_month_exits_with_2(text):
    with pytest.raises(CommandError) as failed:
        call_command("indicators_rebuild", "--from", text)
    assert failed.value.returncode == 2


def test_synthetic_batches_are_folded_as_they_are_written(ready):  # noqa: F811
    indicator_set_ensure()
    rollups_rebuild()  # the two real dossiers
    call_command("synth_dossiers", *SYNTH_ARGS)
    assert Dossier.objects.filter(submission_key__startswith="synth:").count() == 200
    assert _rolled_received() == Dossier.objects.filter(received_at__isnull=False).count()
    assert rollups_check() == []
    _assert_agree("province:42", period_parse("2025"))
