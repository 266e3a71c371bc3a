"""Demo data of the indicators: the published Decision 766 set as configured (idempotent)."""

from __future__ import annotations

from .services import indicator_set_ensure


def indicators_load_demo() -> dict[str, int]:
    ensured = indicator_set_ensure()
    return {"indicator_set_version": ensured.indicator_set.version}
