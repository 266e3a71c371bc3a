"""CPU time used during a load run, per group of processes: the tier's (a session), the PostgreSQL backends of
its database, and the whole machine; read from /proc (Linux), sampled every second by a thread of the runner."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import psycopg

TICKS = os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds used during the run by the tier's processes (serve.sh's session: gunicorn, Celery), by the
    PostgreSQL backends connected to its database, and by the whole machine, sampled every second.

    A backend that ends between two samples loses its last second (PostgreSQL's postmaster, not ours, reaps it):
    the database's figure is a little low. The tier's children that end are counted by their parent (cutime)."""

    def __init__(self, *, server_url: str, database: str, session: int) -> None:
        self.database, self.session = database, session
        # On the server's maintenance database: this connection is no backend of the measured database.
        self.connection = psycopg.connect(f"{server_url}/postgres", autocommit=True)
        self.first: dict[str, dict[int, float]] = {"tier": {}, "database": {}}
        self.last: dict[str, dict[int, float]] = {"tier": {}, "database": {}}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample_until_done, daemon=True)

    def start(self) -> None:
        self.machine_before = machine_busy()
        self._sample(first=True)
        self.thread.start()

    def stop(self) -> dict[str, float]:
        self.done.set()
        self.thread.join()
        self._sample(first=False)
        self.connection.close()
        used = {
            group: sum(self.last[group][pid] - self.first[group].get(pid, 0.0) for pid in self.last[group])
            for group in self.last
        }
        used["machine"] = machine_busy() - self.machine_before
        return used

    def _sample_until_done(self) -> None:
        while not self.done.wait(1.0):
            self._sample(first=False)

    def _sample(self, *, first: bool) -> None:
        backends = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", (self.database,)
        ).fetchall()
        groups: dict[str, dict[int, float | None]] = {
            "tier": dict(session_cpu(self.session)),
            "database": {pid: process_cpu(pid, children=False) for (pid,) in backends},
        }
        for group, seen in groups.items():
            for pid, seconds in seen.items():
                if seconds is None:
                    continue
                if first:
                    self.first[group][pid] = seconds
                self.last[group][pid] = seconds


def process_cpu(pid: int, *, children: bool) -> float | None:
    """User and system CPU seconds of a process (with its reaped children's), or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    # After the command: state is field 3 of stat(5); utime, stime, cutime, cstime are fields 14 to 17.
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if children else 0)
    return ticks / TICKS


def session_cpu(session: int) -> dict[int, float]:
    """CPU seconds of each live process of a session (serve.sh runs in a session of its own)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            seconds = process_cpu(int(entry.name), children=True)
            if seconds is not None:
                found[int(entry.name)] = seconds
    return found


def machine_busy() -> float:
    """CPU seconds the machine has spent not idle since boot, all CPUs together."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / TICKS
