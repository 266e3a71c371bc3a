"""The row locks of the writes that meet at a post office, taken in one global order (docs/architecture.md,
"Lock order"): the receiving point, then dossiers by ascending id, then the dossier code counter, then the
rows that belong to one dossier (steps, papers, digitization jobs), and the audit chain head last of all.

Every lock here is ``FOR NO KEY UPDATE`` of the named table only. It still queues two writers of the same
row, but it does not conflict with the ``FOR KEY SHARE`` lock PostgreSQL takes on a row that a new row
points at: a reception inserting a dossier of the point, a digitization inserting a document of the point
or a use of the dossier, a history event of the dossier. A plain ``FOR UPDATE`` (or one that also locks
the rows joined by ``select_related``) makes those inserts wait on a transition that itself waits on
them — the deadlock of issue 10. SQLite ignores these locks (it writes one transaction at a time).
"""

from __future__ import annotations

from collections.abc import Iterable

from motcua.agencies.models import ReceivingPoint

from ..models import Dossier


def receiving_point_lock(*, point_id: int) -> None:
    """Serialise the point's own bookkeeping (the numbering of its hand-overs). First in the order."""
    ReceivingPoint.objects.select_for_update(no_key=True).filter(pk=point_id).values_list("pk").first()


def dossier_lock(*, dossier_id: int) -> Dossier:
    """The dossier, read fresh under its row lock (its receiving point joined but not locked)."""
    return (
        Dossier.objects.select_for_update(no_key=True, of=("self",))
        .select_related("receiving_point")
        .get(pk=dossier_id)
    )


def dossiers_lock(*, ids: Iterable[int]) -> list[Dossier]:
    """Several dossiers under their row locks, taken by ascending id so that two batches never wait on each
    other crosswise."""
    return list(
        Dossier.objects.select_for_update(no_key=True, of=("self",))
        .select_related("receiving_point")
        .filter(pk__in=sorted(set(ids)))
        .order_by("pk")
    )
