"""Demo data of the indicators: the published Decision 766 set as configured, and the rollups built (idempotent)."""

from __future__ import annotations

from .rollups.build import rollups_rebuild
from .services import indicator_set_ensure


def indicators_load_demo() -> dict[str, int]:
    ensured = indicator_set_ensure()
    # The demo's dossiers were folded as they were made; a full build marks the rollups complete, so the dashboards
    # read them at once (until then reads count directly, docs/indicators.md "Rollups").
    folded = rollups_rebuild()
    return {"indicator_set_version": ensured.indicator_set.version, "dossiers_in_rollups": folded}
