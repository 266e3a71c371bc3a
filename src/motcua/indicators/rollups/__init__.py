"""Rollup tables of the indicators' counts, maintained incrementally (docs/indicators.md, "Rollups").

:mod:`.fold` adds a dossier's contribution and takes back the one it made before; :mod:`.read` sums the rollups
of a scope and period; :mod:`.build` rebuilds them from scratch and checks them against the direct count;
:mod:`.triggers` folds the dossiers a transaction changed once it commits.
"""

from .build import rollups_check, rollups_rebuild
from .fold import ROLLUP_COLUMNS, rollups_fold
from .read import rollup_counts, rollups_ready
from .triggers import rollups_fold_pending, rollups_mark_changed

__all__ = [
    "ROLLUP_COLUMNS",
    "rollup_counts",
    "rollups_check",
    "rollups_fold",
    "rollups_fold_pending",
    "rollups_mark_changed",
    "rollups_ready",
    "rollups_rebuild",
]
