"""The marks of dossiers pending a fold: written with the change, removed by its fold, left by a fold that failed
and folded then by the sweep — no change is lost to the rollups (docs/indicators.md, "Rollups")."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from motcua.indicators.models import RollupMark
from motcua.indicators.rollups import rollups_check, rollups_fold_pending, rollups_rebuild, triggers

from .support import rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def month_committed(month):
    """The month's dossiers as if their transactions had committed: their folds run (the test's own transaction
    never commits, so its on-commit folds would wait)."""
    folds = [entry for entry in connection.run_on_commit if isinstance(entry[1], triggers._Pending)]
    for entry in folds:
        connection.run_on_commit.remove(entry)
        entry[1]()
    assert RollupMark.objects.count() == 0
    return month


def _marked() -> set[int]:
    return set(RollupMark.objects.values_list("dossier_id", flat=True))


def test_the_fold_after_the_commit_removes_the_mark(month_committed, django_capture_on_commit_callbacks):
    month = month_committed
    rollups_rebuild()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rate(month.f, "dissatisfied")
    assert _marked() == {month.f.pk}  # written inside the transaction, with the rating
    for callback in callbacks:
        callback()
    assert _marked() == set()
    assert rollups_check() == []


def test_a_rolled_back_change_leaves_no_mark(month_committed):
    month = month_committed
    rollups_rebuild()
    with pytest.raises(RuntimeError), transaction.atomic():
        rate(month.f, "dissatisfied")
        raise RuntimeError("the clerk's transaction fails")
    assert _marked() == set()
    assert rollups_check() == []


def test_a_failed_fold_leaves_the_mark_and_the_sweep_folds_it(
    month_committed, monkeypatch, django_capture_on_commit_callbacks
):
    month = month_committed
    rollups_rebuild()
    real_fold = triggers.rollups_fold

    def database_gone(**kwargs):
        raise ConnectionError("the database went away")

    monkeypatch.setattr(triggers, "rollups_fold", database_gone)
    with django_capture_on_commit_callbacks(execute=True):
        rate(month.f, "dissatisfied")  # committed; its fold fails, logged, the page is not an error
    assert _marked() == {month.f.pk}
    assert "complaint_or_dislike" in {d.name for d in rollups_check()}  # the rollups are behind

    monkeypatch.setattr(triggers, "rollups_fold", real_fold)
    assert rollups_fold_pending() == 0  # a fresh mark is left to its own transaction's fold for a minute
    assert rollups_fold_pending(older_than_seconds=0) == 1
    assert _marked() == set()
    assert rollups_check() == []


def test_a_mark_raised_during_a_fold_stays_for_the_next_one(month_committed, monkeypatch):
    month = month_committed
    rollups_rebuild()
    triggers._mark(month.a.pk)
    real_fold = triggers.rollups_fold

    def fold_while_a_clerk_marks(**kwargs):
        triggers._mark(month.a.pk)  # another transaction changed the dossier after the marks were read
        return real_fold(**kwargs)

    monkeypatch.setattr(triggers, "rollups_fold", fold_while_a_clerk_marks)
    triggers._fold_marked([month.a.pk])
    assert RollupMark.objects.filter(dossier_id=month.a.pk).count() == 1  # the one inserted during the fold
    monkeypatch.setattr(triggers, "rollups_fold", real_fold)
    triggers._fold_marked([month.a.pk])
    assert _marked() == set()
