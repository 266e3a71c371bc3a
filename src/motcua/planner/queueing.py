"""How many counters keep the wait short: Erlang C (M/M/N) and Erlang A (M/M/N+M), exact and in pure Python.

Units, everywhere in this module:

* arrivals in **citizens per hour** (``arrivals_per_hour``, Poisson);
* times in **seconds**: the mean service time ``service_seconds`` (exponential), the target wait
  ``target_wait_seconds`` (Decision 468/QĐ-TTg: 15 minutes = 900 s), the mean patience ``patience_seconds``
  (exponential; ``None`` = nobody leaves, Erlang C);
* probabilities and the service level as **fractions** in [0, 1] (0.8, not 80);
* the offered load ``a = λ·S`` in erlangs (busy counters needed on average).

:func:`evaluate` gives the figures of a given number of counters, :func:`required` the fewest counters that meet a
service level, :func:`required_table` the same for many cells at once (the country's 3,321 communes × 168 hours
in seconds). All three return :class:`Staffing`; bad input raises :class:`~motcua.core.errors.ApplicationError`
from :mod:`motcua.planner.errors`, naming the input.

Formulas. Erlang B by its recursion ``B(n) = a·B(n−1) / (n + a·B(n−1))`` (no factorials, stable for thousands of
counters); Erlang C ``C = N·B / (N − a·(1 − B))``; service level ``P(W ≤ T) = 1 − C·e^(−(N − a)·T/S)``; ASA
``C·S / (N − a)``. Erlang A after Mandelbaum & Zeltyn, *The Palm/Erlang-A queue, with applications to call
centers* (2005) and Garnett, Mandelbaum & Reiman (2002): with μ = 1/S, θ = 1/patience, x = Nμ/θ, y = λ/θ and
``A(x, y) = x·e^y·y^(−x)·γ(x, y)`` (γ the lower incomplete gamma function),
``P(W > 0) = A·B / (1 + (A − 1)·B)``, ``P(abandon | W > 0) = 1/(ρA) + 1 − 1/ρ`` with ρ = a/N, and the offered wait
V (the wait of a citizen who would never leave) has ``P(V > t | V > 0) = γ(x, y·e^(−θt)) / γ(x, y)``; a citizen is
served within T when V ≤ T and V is shorter than their patience, which integrates to
``P(V > 0)·[γ(x+1, y) − γ(x+1, y·e^(−θT))] / (y·γ(x, y))``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import errors

SECONDS_PER_HOUR = 3600.0
#: The most counters :func:`required` looks for; a load needing more is refused (an error), not planned.
MAX_SERVERS = 10_000
MAX_ARRIVALS_PER_HOUR = 1_000_000.0
#: The longest service time, target wait or patience accepted: one week.
MAX_SECONDS = 7 * 24 * 3600.0
#: A computed service level this close below the target counts as meeting it (rounding of the formulas).
TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True)
class Staffing:
    """The figures of one queue with ``servers`` counters open.

    ``servers``: counters open; ``staff``: people to roster for them, ``ceil(servers / (1 − shrinkage))``;
    ``offered_load``: λ·S in erlangs; ``p_wait``: the probability that an arriving citizen waits at all;
    ``service_level``: the probability of being served within the target wait (with abandonment: served *and*
    within the target; those who leave count as failures); ``asa_seconds``: the mean wait in the queue of every
    arrival, in seconds (with abandonment it includes the time spent by those who leave), ``math.inf`` when
    unstable; ``occupancy``: the fraction of time a counter is busy (carried load / servers, at most 1);
    ``p_abandon``: the probability of leaving before service (``None`` for Erlang C, nobody leaves);
    ``stable``: False when the counters cannot carry the load and nobody leaves (Erlang C with servers ≤ load):
    the queue then grows without end, the service level is 0 and the wait infinite.
    """

    servers: int
    staff: int
    offered_load: float
    p_wait: float
    service_level: float
    asa_seconds: float
    occupancy: float
    p_abandon: float | None = None
    stable: bool = True

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: an infinite wait becomes ``None``."""
        return {
            "servers": self.servers,
            "staff": self.staff,
            "offered_load": self.offered_load,
            "p_wait": self.p_wait,
            "service_level": self.service_level,
            "asa_seconds": self.asa_seconds if math.isfinite(self.asa_seconds) else None,
            "occupancy": self.occupancy,
            "p_abandon": self.p_abandon,
            "stable": self.stable,
        }


# --- Input checks -------------------------------------------------------------------------------------------


def _number(value: Any, field: str, limit: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise errors.not_a_number(field=field)
    number = float(value)
    if not math.isfinite(number):
        raise errors.not_a_number(field=field)
    if abs(number) > limit:
        raise errors.too_large(field=field, limit=limit)
    return number


def check_arrivals(value: Any, field: str = "arrivals_per_hour") -> float:
    """Citizens per hour: a finite number, 0 or more, at most ``MAX_ARRIVALS_PER_HOUR``."""
    number = _number(value, field, MAX_ARRIVALS_PER_HOUR)
    if number < 0:
        raise errors.arrivals_negative(field=field)
    return number


def check_service_seconds(value: Any, field: str = "service_seconds") -> float:
    """Mean service time in seconds: more than 0, at most a week."""
    number = _number(value, field, MAX_SECONDS)
    if number <= 0:
        raise errors.service_time_not_positive(field=field)
    return number


def _check_target(value: Any) -> float:
    number = _number(value, "target_wait_seconds", MAX_SECONDS)
    if number < 0:
        raise errors.target_wait_negative()
    return number


def _check_patience(value: Any) -> float | None:
    if value is None:
        return None
    number = _number(value, "patience_seconds", MAX_SECONDS)
    if number <= 0:
        raise errors.patience_not_positive()
    return number


def _check_fraction(value: Any, field: str, *, low_open: bool, high_open: bool) -> float:
    number = _number(value, field, 1e9)
    too_low = number <= 0 if low_open else number < 0
    too_high = number >= 1 if high_open else number > 1
    if too_low or too_high:
        raise {
            "service_level": errors.service_level_out_of_range,
            "shrinkage": errors.shrinkage_out_of_range,
            "max_occupancy": errors.max_occupancy_out_of_range,
        }[field]()
    return number


def _check_count(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise errors.servers_negative(field=field)
    if value < 0:
        raise errors.servers_negative(field=field)
    if value > MAX_SERVERS:
        raise errors.too_large(field=field, limit=MAX_SERVERS)
    return value


@dataclass(frozen=True, slots=True)
class _Policy:
    """What every cell of a plan shares: the target, the service level and the rostering rules."""

    target: float
    service_level: float
    patience: float | None
    max_occupancy: float
    shrinkage: float
    minimum: int

    def staff(self, servers: int) -> int:
        if self.shrinkage == 0.0:
            return servers
        # The tolerance keeps 14 / 0.7 = 20.000000000000004 at 20.
        return max(math.ceil(servers / (1.0 - self.shrinkage) - 1e-9), servers)


def _policy(**inputs: Any) -> _Policy:
    """The checked policy; the same inputs are checked once (a plan asks for thousands of cells)."""
    try:
        return _checked_policy(**inputs)
    except TypeError:  # an unhashable input (a list, say): checked uncached, to raise the error that names it
        return _checked_policy.__wrapped__(**inputs)


@functools.lru_cache(maxsize=256, typed=True)
def _checked_policy(
    *,
    target_wait_seconds: Any,
    service_level: Any = 0.5,
    patience_seconds: Any = None,
    max_occupancy: Any = 1.0,
    shrinkage: Any = 0.0,
    minimum: Any = 0,
) -> _Policy:
    return _Policy(
        target=_check_target(target_wait_seconds),
        service_level=_check_fraction(service_level, "service_level", low_open=True, high_open=True),
        patience=_check_patience(patience_seconds),
        max_occupancy=_check_fraction(max_occupancy, "max_occupancy", low_open=True, high_open=False),
        shrinkage=_check_fraction(shrinkage, "shrinkage", low_open=False, high_open=True),
        minimum=_check_count(minimum, "minimum"),
    )


# --- Erlang B and C -----------------------------------------------------------------------------------------


def erlang_b(servers: int, load: float) -> float:
    """Erlang B: the probability that all ``servers`` are busy in a loss system offered ``load`` erlangs."""
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = load * blocking / (n + load * blocking)
    return blocking


def erlang_c(servers: int, load: float) -> float:
    """Erlang C: the probability of waiting with ``servers`` counters and ``load`` erlangs; 1.0 when unstable."""
    if servers <= load:
        return 1.0
    return _erlang_c_of_blocking(servers, load, erlang_b(servers, load))


def _erlang_c_of_blocking(servers: int, load: float, blocking: float) -> float:
    """Erlang C from the Erlang B blocking of the same ``servers`` and ``load`` (``servers`` > ``load``)."""
    return servers * blocking / (servers - load + load * blocking)


def _erlang_c_staffing(
    servers: int, staff: int, load: float, blocking: float, service: float, target: float
) -> Staffing:
    """Erlang C figures, given the Erlang B blocking of ``servers`` at ``load``."""
    if load == 0.0:
        return Staffing(servers, staff, 0.0, 0.0, 1.0, 0.0, 0.0)
    if servers <= load:
        return Staffing(servers, staff, load, 1.0, 0.0, math.inf, 1.0, stable=False)
    spare = servers - load
    p_wait = _erlang_c_of_blocking(servers, load, blocking)
    service_level = 1.0 - p_wait * math.exp(-spare * target / service)
    return Staffing(servers, staff, load, p_wait, service_level, p_wait * service / spare, load / servers)


# --- Erlang A -----------------------------------------------------------------------------------------------

_SERIES_LIMIT = 1_000_000


def _log_scaled_gamma(x: float, y: float) -> float:
    """log M(x, y) where γ(x, y) = y^x·e^(−y)·M(x, y), i.e. M = Σ_k y^k / (x(x+1)…(x+k)); x > 0, y ≥ 0.

    The series when y < x + 1 (its terms fall from the first), else Γ(x) minus the upper function by Lentz's
    continued fraction (Numerical Recipes §6.2); both converge in about √max(x, y) steps and never overflow.
    """
    if y == 0.0:
        return -math.log(x)
    if y < x + 1.0:
        term = total = 1.0 / x
        k = 0
        while term > total * 1e-17 and k < _SERIES_LIMIT:
            k += 1
            term *= y / (x + k)
            total += term
        return math.log(total)
    # Q = Γ(x, y)/Γ(x) = e^(−y)·y^x/Γ(x) · 1/(y + 1 − x − 1·(1 − x)/(y + 3 − x − …))
    tiny = 1e-300
    b = y + 1.0 - x
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, _SERIES_LIMIT):
        an = -i * (i - x)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            break
    log_gamma_x = math.lgamma(x)
    upper = math.exp(-y + x * math.log(y) - log_gamma_x) * h  # Q, in [0, 1]
    return log_gamma_x + math.log1p(-min(upper, 1.0 - 1e-16)) - x * math.log(y) + y


def _erlang_a_staffing(
    servers: int, staff: int, arrivals: float, service: float, patience: float, target: float, blocking: float
) -> Staffing:
    """Erlang A figures (rates per second inside), given the Erlang B blocking of ``servers`` at λ·S."""
    load = arrivals * service
    if load == 0.0:
        return Staffing(servers, staff, 0.0, 0.0, 1.0, 0.0, 0.0, p_abandon=0.0)
    if servers == 0:
        return Staffing(servers, staff, load, 1.0, 0.0, patience, 0.0, p_abandon=1.0)
    x = servers * patience / service  # Nμ/θ
    y = arrivals * patience  # λ/θ
    log_m = _log_scaled_gamma(x, y)
    inverse_a = math.exp(-(math.log(x) + log_m))  # 1/A(x, y); A can be astronomically large when overloaded
    p_wait = blocking / (blocking + (1.0 - blocking) * inverse_a)  # A·B / (1 + (A − 1)·B)
    rho = load / servers
    served_if_waiting = min(1.0, max(0.0, (1.0 - inverse_a) / rho))  # M(x+1, y)/M(x, y) = P(served | V > 0)
    decay = target / patience  # θT
    shifted = y * math.exp(-decay)
    late = math.exp(
        -decay * (x + 1.0) + (y - shifted) + _log_scaled_gamma(x + 1.0, shifted) - log_m
    )  # γ(x+1, y·e^(−θT)) / (y·γ(x, y))
    service_level = (1.0 - p_wait) + p_wait * max(0.0, served_if_waiting - late)
    p_abandon = p_wait * (1.0 - served_if_waiting)
    occupancy = min(1.0, load * (1.0 - p_abandon) / servers)
    return Staffing(
        servers, staff, load, p_wait, min(service_level, 1.0), p_abandon * patience, occupancy, p_abandon=p_abandon
    )


# --- Public API ---------------------------------------------------------------------------------------------


def evaluate(
    *,
    arrivals_per_hour: float,
    service_seconds: float,
    target_wait_seconds: float,
    servers: int,
    patience_seconds: float | None = None,
    shrinkage: float = 0.0,
) -> Staffing:
    """The figures of ``servers`` counters open for ``arrivals_per_hour`` citizens per hour served in
    ``service_seconds`` on average, against a target wait of ``target_wait_seconds``.

    Without ``patience_seconds`` (Erlang C) ``servers`` at or below the offered load give ``stable=False``
    (service level 0, infinite wait): the caller decides whether that is an error (see
    :func:`motcua.planner.errors.unstable`). With a mean patience (Erlang A) every number of counters is stable:
    the queue is held in check by those who leave. ``staff`` is ``ceil(servers / (1 − shrinkage))``.
    """
    policy = _policy(target_wait_seconds=target_wait_seconds, patience_seconds=patience_seconds, shrinkage=shrinkage)
    arrivals = check_arrivals(arrivals_per_hour)
    service = check_service_seconds(service_seconds)
    count = _check_count(servers, "servers")
    return _evaluate(count, arrivals, service, policy)


def _evaluate(servers: int, arrivals: float, service: float, policy: _Policy) -> Staffing:
    per_second = arrivals / SECONDS_PER_HOUR
    load = per_second * service
    blocking = erlang_b(servers, load)
    staff = policy.staff(servers)
    if policy.patience is None:
        return _erlang_c_staffing(servers, staff, load, blocking, service, policy.target)
    return _erlang_a_staffing(servers, staff, per_second, service, policy.patience, policy.target, blocking)


def required(
    *,
    arrivals_per_hour: float,
    service_seconds: float,
    target_wait_seconds: float,
    service_level: float,
    patience_seconds: float | None = None,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
    minimum: int = 0,
) -> Staffing:
    """The fewest counters (``servers``) that serve the fraction ``service_level`` (in (0, 1)) of arrivals within
    ``target_wait_seconds`` and keep each counter busy at most ``max_occupancy`` of the time, never fewer than
    ``minimum`` (the counters a centre keeps open whatever the demand; with no arrivals ``servers = minimum``);
    then ``staff = ceil(servers / (1 − shrinkage))`` people to roster (shrinkage: the fraction of paid time not
    at the counter — breaks, training, leave). The figures returned are those of ``servers``.
    With ``patience_seconds`` (Erlang A) fewer counters than the load may do, and the occupancy capped is that of
    the carried load (those who leave do not keep a counter busy).

    Raises the ``planner_beyond_server_limit`` error when more than ``MAX_SERVERS`` counters would be needed.
    """
    policy = _policy(
        target_wait_seconds=target_wait_seconds,
        service_level=service_level,
        patience_seconds=patience_seconds,
        max_occupancy=max_occupancy,
        shrinkage=shrinkage,
        minimum=minimum,
    )
    return _required(check_arrivals(arrivals_per_hour), check_service_seconds(service_seconds), policy)


def _required(arrivals: float, service: float, policy: _Policy) -> Staffing:
    per_second = arrivals / SECONDS_PER_HOUR
    load = per_second * service
    if load == 0.0:
        return _evaluate(policy.minimum, arrivals, service, policy)
    if policy.patience is None:
        return _required_erlang_c(load, service, policy)
    return _required_erlang_a(per_second, service, policy.patience, policy)


def _required_erlang_c(load: float, service: float, policy: _Policy) -> Staffing:
    # The hot path of required_table: Erlang B and C inlined, one counter more per turn from the fewest stable.
    servers = int(load) + 1
    floor = math.ceil(load / policy.max_occupancy - 1e-9)
    if floor < policy.minimum:
        floor = policy.minimum
    if servers > MAX_SERVERS or floor > MAX_SERVERS:
        raise errors.beyond_server_limit(limit=MAX_SERVERS)
    wanted = policy.service_level - TOLERANCE
    decay = policy.target / service
    blocking = 1.0
    for n in range(1, servers + 1):
        blocking = load * blocking / (n + load * blocking)
    while True:
        spare = servers - load
        p_wait = servers * blocking / (spare + load * blocking)
        level = 1.0 - p_wait * math.exp(-spare * decay)
        if level >= wanted and servers >= floor:
            break
        servers += 1
        if servers > MAX_SERVERS:
            raise errors.beyond_server_limit(limit=MAX_SERVERS)
        blocking = load * blocking / (servers + load * blocking)
    return Staffing(servers, policy.staff(servers), load, p_wait, level, p_wait * service / spare, load / servers)


def _required_erlang_a(per_second: float, service: float, patience: float, policy: _Policy) -> Staffing:
    load = per_second * service
    # Served within the target ≤ served ≤ servers / load: fewer than service_level·load counters never do.
    servers = max(1, policy.minimum, math.floor(policy.service_level * load))
    if servers > MAX_SERVERS:
        raise errors.beyond_server_limit(limit=MAX_SERVERS)
    blocking = erlang_b(servers, load)
    while True:
        # The occupancy of Erlang A is that of the carried load: those who leave free the counters.
        figures = _erlang_a_staffing(servers, servers, per_second, service, patience, policy.target, blocking)
        if (
            figures.service_level >= policy.service_level - TOLERANCE
            and figures.occupancy <= policy.max_occupancy + TOLERANCE
        ):
            break
        servers += 1
        if servers > MAX_SERVERS:
            raise errors.beyond_server_limit(limit=MAX_SERVERS)
        blocking = load * blocking / (servers + load * blocking)
    return _erlang_a_staffing(servers, policy.staff(servers), per_second, service, patience, policy.target, blocking)


def required_table(
    cells: Iterable[tuple[float, float]],
    *,
    target_wait_seconds: float,
    service_level: float,
    patience_seconds: float | None = None,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
    minimum: int = 0,
    arrivals_resolution: float = 1e-6,
    service_resolution: float = 1e-3,
) -> list[Staffing]:
    """:func:`required` for many cells sharing one policy: ``cells`` yields ``(arrivals_per_hour,
    service_seconds)`` pairs (one per commune × hour, say); the result is a list in the same order.

    Cells are rounded to ``arrivals_resolution`` citizens per hour and ``service_resolution`` seconds (far below
    what changes a plan) and each distinct pair is computed once per policy, across calls too (a bounded cache,
    see :func:`required_table_cache_clear`): a commune planned hour by hour repeats its weekdays, and communes
    sharing a province's estimate repeat each other. The search for a new pair starts at the fewest counters
    with a stable queue and climbs one counter at a time on the Erlang B recursion. The policy is checked once;
    a bad cell raises its error naming ``cells[i].arrivals_per_hour`` or ``cells[i].service_seconds``.
    """
    policy = _policy(
        target_wait_seconds=target_wait_seconds,
        service_level=service_level,
        patience_seconds=patience_seconds,
        max_occupancy=max_occupancy,
        shrinkage=shrinkage,
        minimum=minimum,
    )
    cache = _shared_cache((policy, arrivals_resolution, service_resolution))
    table: list[Staffing] = []
    append, lookup = table.append, cache.get
    arrivals_scale, service_scale = 1.0 / arrivals_resolution, 1.0 / service_resolution
    plain = (float, int)
    for index, (arrivals, service) in enumerate(cells):
        # The checks' fast path: plain numbers in range (NaN fails the comparisons) need no more.
        if not (
            type(arrivals) in plain
            and type(service) in plain
            and 0 <= arrivals <= MAX_ARRIVALS_PER_HOUR
            and 0 < service <= MAX_SECONDS
        ):
            arrivals = check_arrivals(arrivals, f"cells[{index}].arrivals_per_hour")
            service = check_service_seconds(service, f"cells[{index}].service_seconds")
        key = (round(arrivals * arrivals_scale), round(service * service_scale))
        found = lookup(key)
        if found is None:
            found = cache[key] = _required(key[0] * arrivals_resolution, key[1] * service_resolution or service, policy)
        append(found)
    return table


#: Cells kept per policy by :func:`required_table` between calls; the cache of a policy is emptied when full.
SHARED_CACHE_CELLS = 100_000
_SHARED_CACHE_POLICIES = 16
_shared: dict[tuple[_Policy, float, float], dict[tuple[int, int], Staffing]] = {}


def _shared_cache(key: tuple[_Policy, float, float]) -> dict[tuple[int, int], Staffing]:
    """The cells already planned under one policy and rounding (a dict: safe to share between threads)."""
    cache = _shared.get(key)
    if cache is None:
        if len(_shared) >= _SHARED_CACHE_POLICIES:
            _shared.clear()
        cache = _shared[key] = {}
    elif len(cache) > SHARED_CACHE_CELLS:
        cache.clear()
    return cache


def required_table_cache_clear() -> None:
    """Forget every cell :func:`required_table` has planned (benchmarks time a cold plan with it)."""
    _shared.clear()
