"""Running jobs at the same instant in threads, each with its own database connection (PostgreSQL races)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def run_together(*jobs: Callable[[], object]) -> list[object]:
    """Start every job at the same instant in its own thread; return each result or the exception it raised."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = job()
        except BaseException as error:  # collected and asserted by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def failures(results: list[object]) -> list[BaseException]:
    return [result for result in results if isinstance(result, BaseException)]
