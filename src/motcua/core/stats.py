"""Percentiles, defined once: the figures (waits, stage durations, calibration) interpolate; the simulation
reports the nearest rank, like the queueing texts it is checked against."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile_interpolated(ordered: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0–1) of ascending values by linear interpolation between the closest ranks
    (NumPy's default, PostgreSQL's ``percentile_cont``). ``ordered`` must not be empty."""
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def percentile_nearest_rank(ordered: Sequence[float], q: float) -> float:
    """The nearest-rank ``q`` quantile (0–1) of ascending values; 0.0 for none."""
    if not ordered:
        return 0.0
    return ordered[max(math.ceil(q * len(ordered)), 1) - 1]
