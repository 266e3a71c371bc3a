"""The set-based folds under concurrent writers, on the real PostgreSQL: folds of overlapping dossiers in opposite
orders, clerks' changes folded as they commit and a rebuild from scratch, all at once, must neither fail (a
deadlock is an error) nor leave the rollups off the direct count (docs/indicators.md, "Rollups")."""

from __future__ import annotations

import pytest

from motcua.indicators.rollups import rollups_check, rollups_fold, rollups_ready, rollups_rebuild
from tests.concurrency import failures, run_together
from tests.dossiers.conftest import world  # noqa: F401 - fixture

from .support import ONLINE, approved, complain, pay_online, rate, received

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dossiers(world):  # noqa: F811 - the shared world (the month's fixture syncs by hand, which clashes with commits)
    return [
        approved(world, received(world), when="06/05/2026 10:00"),
        approved(world, received(world, **ONLINE), when="15/05/2026 10:00"),
        received(world, **ONLINE),
        approved(world, received(world), when="07/05/2026 10:00"),
        received(world),
        approved(world, received(world), when="08/05/2026 10:00"),
    ]


def test_folds_changes_and_a_rebuild_at_once_end_exact(world, dossiers):  # noqa: F811
    a, b, c, _d, _e, f = dossiers
    ids = [dossier.pk for dossier in dossiers]
    rollups_rebuild()
    changes = [
        lambda: pay_online(c),
        lambda: rate(f, "dissatisfied"),
        lambda: complain(b, world.province),
        lambda: rate(a, "satisfied"),
    ]
    for change in changes:
        results = run_together(
            lambda: rollups_fold(dossier_ids=ids),
            lambda: rollups_fold(dossier_ids=list(reversed(ids))),
            lambda: rollups_fold(dossier_ids=ids[::2]),
            lambda: rollups_rebuild(chunk=2),
            change,
        )
        assert failures(results) == []
        assert rollups_ready()
        assert rollups_check() == []


def test_a_rebuild_resumed_after_concurrent_changes_is_exact(dossiers):
    """A change folded between two chunks of a rebuild: the later chunk subtracts its snapshot (the second path)."""
    calls = []

    def change_midway(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 1:
            rate(dossiers[-1], "dissatisfied")

    rollups_rebuild(chunk=1, progress=change_midway)
    assert len(calls) == 6
    assert rollups_check() == []
