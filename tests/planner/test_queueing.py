"""Erlang C and Erlang A staffing: textbook values, published examples, an independent Markov chain, bad input."""

from __future__ import annotations

import math

import pytest

from motcua.core.errors import ApplicationError
from motcua.planner import queueing
from motcua.planner.queueing import erlang_b, erlang_c, evaluate, required, required_table

COMMUNE = {"arrivals_per_hour": 6, "service_seconds": 600, "target_wait_seconds": 900}


def test_erlang_c_textbook_commune_two_counters():
    """GIVEN 6 citizens an hour, 10 minutes each, a 15-minute target (a = 1 erlang)
    THEN two counters: P(wait) = 1/3, 1 − e^(−1.5)/3 = 92.56 % served within 15 minutes, mean wait 200 s."""
    two = evaluate(**COMMUNE, servers=2)
    assert two.p_wait == pytest.approx(1 / 3, abs=1e-12)
    assert two.service_level == pytest.approx(1 - math.exp(-1.5) / 3, abs=1e-12)
    assert round(two.service_level, 3) == 0.926
    assert two.asa_seconds == pytest.approx(200.0)
    assert two.occupancy == pytest.approx(0.5)
    assert two.p_abandon is None


def test_erlang_c_textbook_commune_three_counters_meet_95_percent():
    three = evaluate(**COMMUNE, servers=3)
    assert three.p_wait == pytest.approx(1 / 11, abs=1e-12)
    assert three.service_level == pytest.approx(1 - math.exp(-3) / 11, abs=1e-12)
    assert three.service_level >= 0.95
    assert required(**COMMUNE, service_level=0.95).servers == 3
    assert required(**COMMUNE, service_level=0.92).servers == 2


@pytest.mark.parametrize(
    ("max_occupancy", "servers", "staff", "service_level", "occupancy", "p_wait"),
    [(0.85, 14, 20, 0.888, 0.714, 0.174), (0.7, 15, 22, 0.941, 0.667, 0.102)],
)
def test_call_centre_example_published_with_pyworkforce(
    max_occupancy, servers, staff, service_level, occupancy, p_wait
):
    """pyworkforce's documented ErlangC example: 100 calls in 30 minutes, 3-minute handling, answer within
    0.33 minute, 80 % service level, 30 % shrinkage; the occupancy cap of 0.7 forces a 15th position."""
    plan = required(
        arrivals_per_hour=200,
        service_seconds=180,
        target_wait_seconds=0.33 * 60,
        service_level=0.8,
        max_occupancy=max_occupancy,
        shrinkage=0.3,
    )
    assert (plan.servers, plan.staff) == (servers, staff)
    assert plan.service_level == pytest.approx(service_level, abs=1e-3)
    assert plan.occupancy == pytest.approx(occupancy, abs=1e-3)
    assert plan.p_wait == pytest.approx(p_wait, abs=1e-3)


def test_erlang_b_recursion_matches_the_factorial_formula_and_stays_finite_for_large_systems():
    for servers, load in [(1, 0.5), (5, 3.0), (10, 5.0), (20, 17.5)]:
        terms = [load**k / math.factorial(k) for k in range(servers + 1)]
        assert erlang_b(servers, load) == pytest.approx(terms[-1] / sum(terms), rel=1e-12)
    # 1,000 counters at 950 erlangs: a factorial formula overflows; the log-space sum does not.
    logs = [k * math.log(950.0) - math.lgamma(k + 1) for k in range(1001)]
    top = max(logs)
    expected = math.exp(logs[-1] - top) / sum(math.exp(value - top) for value in logs)
    assert erlang_b(1000, 950.0) == pytest.approx(expected, rel=1e-9)
    assert 0 < erlang_c(1000, 950.0) < 1
    assert erlang_c(3, 3.0) == 1.0


def _erlang_a_by_markov_chain(arrivals_per_hour, service, servers, patience, target):
    """The M/M/N+M queue solved numerically, without the closed forms: the stationary birth-death distribution,
    then the tagged citizen's own chain (customers ahead, their abandonments, the counters' completions, his own
    patience) integrated by uniformization to the probability of being served within the target."""
    lam, mu, theta = arrivals_per_hour / 3600, 1 / service, 1 / patience
    depth = 150
    weights = [1.0]
    for k in range(1, servers + depth + 1):
        weights.append(weights[-1] * lam / (min(k, servers) * mu + max(0, k - servers) * theta))
    total = sum(weights)
    pi = [w / total for w in weights]
    p_wait = sum(pi[servers:])
    served_eventually = sum(
        pi[servers + j] * math.prod((servers * mu + i * theta) / (servers * mu + (i + 1) * theta) for i in range(j + 1))
        for j in range(depth)
    )
    # u[i] = P(served by time t | i ahead); du/dt = Q u, uniformized.
    rates = [servers * mu + i * theta for i in range(depth)]
    uniform = max(rates) + theta
    steps = uniform * target
    u_now = [0.0] * depth
    within = [0.0] * depth
    weight = math.exp(-steps)
    for k in range(int(steps * 3 + 60)):
        within = [w + weight * u for w, u in zip(within, u_now, strict=True)]
        u_now = [
            (rates[i] / uniform) * (1.0 if i == 0 else u_now[i - 1]) + (1 - (rates[i] + theta) / uniform) * u_now[i]
            for i in range(depth)
        ]
        weight *= steps / (k + 1)
    service_level = sum(pi[:servers]) + sum(pi[servers + j] * within[j] for j in range(depth))
    return p_wait, p_wait - served_eventually, service_level


@pytest.mark.parametrize(
    ("arrivals", "service", "servers", "patience"), [(6, 600, 2, 600), (60, 600, 10, 600), (100, 300, 5, 900)]
)
def test_erlang_a_matches_an_independent_markov_chain(arrivals, service, servers, patience):
    p_wait, p_abandon, service_level = _erlang_a_by_markov_chain(arrivals, service, servers, patience, 900)
    plan = evaluate(
        arrivals_per_hour=arrivals,
        service_seconds=service,
        target_wait_seconds=900,
        servers=servers,
        patience_seconds=patience,
    )
    assert plan.p_wait == pytest.approx(p_wait, abs=1e-6)
    assert plan.p_abandon == pytest.approx(p_abandon, abs=1e-6)
    assert plan.service_level == pytest.approx(service_level, abs=1e-6)
    assert plan.asa_seconds == pytest.approx(plan.p_abandon * patience)  # Little's law for those who leave
    assert plan.stable


def test_erlang_a_tends_to_erlang_b_with_no_patience_and_to_erlang_c_with_endless_patience():
    hasty = evaluate(**COMMUNE, servers=2, patience_seconds=0.001)
    assert hasty.p_abandon == pytest.approx(erlang_b(2, 1.0), abs=1e-4)
    patient = evaluate(**COMMUNE, servers=2, patience_seconds=600_000)
    assert patient.p_wait == pytest.approx(1 / 3, abs=1e-3)
    assert patient.service_level == pytest.approx(evaluate(**COMMUNE, servers=2).service_level, abs=1e-3)


def test_erlang_a_is_stable_below_the_load_and_finds_the_fewest_counters():
    overloaded = evaluate(**COMMUNE, servers=1, patience_seconds=600)
    assert overloaded.stable
    assert 0 < overloaded.service_level < 1
    plan = required(
        arrivals_per_hour=60, service_seconds=600, target_wait_seconds=900, service_level=0.8, patience_seconds=600
    )
    fewer = evaluate(
        arrivals_per_hour=60,
        service_seconds=600,
        target_wait_seconds=900,
        servers=plan.servers - 1,
        patience_seconds=600,
    )
    assert plan.service_level >= 0.8 > fewer.service_level
    assert plan.p_abandon is not None and 0 < plan.p_abandon < 1


def test_required_is_the_fewest_meeting_the_level_and_the_occupancy_cap():
    plan = required(arrivals_per_hour=30, service_seconds=600, target_wait_seconds=900, service_level=0.8)
    fewer = evaluate(arrivals_per_hour=30, service_seconds=600, target_wait_seconds=900, servers=plan.servers - 1)
    assert plan.service_level >= 0.8 > fewer.service_level
    capped = required(
        arrivals_per_hour=30, service_seconds=600, target_wait_seconds=900, service_level=0.8, max_occupancy=0.6
    )
    assert capped.servers == math.ceil(5 / 0.6) == 9
    assert capped.occupancy <= 0.6


def test_minimum_shrinkage_and_zero_arrivals():
    quiet = required(arrivals_per_hour=0, service_seconds=600, target_wait_seconds=900, service_level=0.8, minimum=1)
    assert (quiet.servers, quiet.staff, quiet.p_wait, quiet.service_level) == (1, 1, 0.0, 1.0)
    closed = required(arrivals_per_hour=0, service_seconds=600, target_wait_seconds=900, service_level=0.8)
    assert closed.servers == 0
    rostered = required(**COMMUNE, service_level=0.95, minimum=4, shrinkage=0.2)
    assert (rostered.servers, rostered.staff) == (4, 5)


def test_too_few_counters_without_abandonment_is_reported_unstable():
    one = evaluate(**COMMUNE, servers=1)
    assert not one.stable
    assert (one.p_wait, one.service_level) == (1.0, 0.0)
    assert math.isinf(one.asa_seconds)
    assert one.as_dict()["asa_seconds"] is None


def test_a_load_beyond_the_server_limit_is_refused():
    with pytest.raises(ApplicationError) as caught:
        required(arrivals_per_hour=1_000_000, service_seconds=600_000, target_wait_seconds=0, service_level=0.9)
    assert caught.value.code == "planner_beyond_server_limit"
    assert caught.value.status == 422


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"arrivals_per_hour": -1}, "planner_arrivals_negative", "arrivals_per_hour"),
        ({"arrivals_per_hour": math.nan}, "planner_not_a_number", "arrivals_per_hour"),
        ({"arrivals_per_hour": math.inf}, "planner_not_a_number", "arrivals_per_hour"),
        ({"arrivals_per_hour": 1e12}, "planner_too_large", "arrivals_per_hour"),
        ({"arrivals_per_hour": "6"}, "planner_not_a_number", "arrivals_per_hour"),
        ({"service_seconds": 0}, "planner_service_time_not_positive", "service_seconds"),
        ({"target_wait_seconds": -1}, "planner_target_wait_negative", "target_wait_seconds"),
        ({"service_level": 0}, "planner_service_level_out_of_range", "service_level"),
        ({"service_level": 1}, "planner_service_level_out_of_range", "service_level"),
        ({"service_level": 80}, "planner_service_level_out_of_range", "service_level"),
        ({"shrinkage": 1}, "planner_shrinkage_out_of_range", "shrinkage"),
        ({"shrinkage": -0.1}, "planner_shrinkage_out_of_range", "shrinkage"),
        ({"max_occupancy": 0}, "planner_max_occupancy_out_of_range", "max_occupancy"),
        ({"patience_seconds": 0}, "planner_patience_not_positive", "patience_seconds"),
        ({"minimum": -1}, "planner_servers_negative", "minimum"),
        ({"service_level": [0.8]}, "planner_not_a_number", "service_level"),
        ({"shrinkage": False}, "planner_not_a_number", "shrinkage"),
    ],
)
def test_bad_input_names_the_field(change, code, field):
    arguments = {**COMMUNE, "service_level": 0.8, **change}
    with pytest.raises(ApplicationError) as caught:
        required(**arguments)
    assert (caught.value.code, caught.value.field) == (code, field)


def test_errors_read_in_vietnamese_and_english():
    with pytest.raises(ApplicationError) as caught:
        evaluate(**{**COMMUNE, "service_seconds": 0}, servers=2)
    assert caught.value.messages() == {
        "vi": "Thời gian phục vụ phải lớn hơn 0 giây.",
        "en": "The service time must be longer than 0 seconds.",
    }


def test_required_table_agrees_with_required_cell_by_cell_and_keeps_the_order():
    cells = [(arrivals / 4, service) for arrivals in range(0, 200, 7) for service in (480.0, 600.0, 900.0)]
    cells += cells[:10]  # repeated cells come from the cache
    table = required_table(cells, target_wait_seconds=900, service_level=0.8, max_occupancy=0.85, minimum=1)
    assert len(table) == len(cells)
    for (arrivals, service), plan in zip(cells, table, strict=True):
        alone = required(
            arrivals_per_hour=arrivals,
            service_seconds=service,
            target_wait_seconds=900,
            service_level=0.8,
            max_occupancy=0.85,
            minimum=1,
        )
        assert plan == alone


def test_required_table_names_the_bad_cell():
    with pytest.raises(ApplicationError) as caught:
        required_table([(6, 600), (6, 0)], target_wait_seconds=900, service_level=0.8)
    assert caught.value.field == "cells[1].service_seconds"


def test_required_table_with_patience_plans_erlang_a():
    table = required_table([(6, 600), (60, 600)], target_wait_seconds=900, service_level=0.8, patience_seconds=600)
    assert [plan.servers for plan in table] == [
        required(
            arrivals_per_hour=a, service_seconds=600, target_wait_seconds=900, service_level=0.8, patience_seconds=600
        ).servers
        for a in (6, 60)
    ]
    assert all(plan.p_abandon is not None for plan in table)
    assert queueing.MAX_SERVERS == 10_000
