"""Celery task of the planner: a simulation run, thin, JSON arguments, safe to deliver twice.

``acks_late``: a worker killed mid-run leaves the message unacknowledged, the broker delivers it again and the run
starts over (``runs.simulation_run_execute`` claims it under a row lock; a run already over does nothing). Without a
broker (development, tests) Celery runs the task in the process, when the transaction that queued it commits.
"""

from __future__ import annotations

from celery import shared_task

from .runs import simulation_run_execute


@shared_task(
    name="planner.simulate",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=10,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,
)
def simulate_task(run_id: int) -> str:
    """Simulate run ``run_id`` to its end; returns its status."""
    return simulation_run_execute(run_id=run_id).status
