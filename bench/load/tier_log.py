"""The errors a tier logged during a load run, read from serve.sh's JSON log (docs/operations.md, "Logs")."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

EXCEPTION_LINE = re.compile(r"^[\w.]+(?:Error|Exception|Detected)\w*: .*$", re.MULTILINE)
VARYING = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\d+")
NUMBERS = re.compile(r"\[N(?:, N)+\]")


def logged_errors(log: Path, *, since: str, run_started: str) -> list[str]:
    """The errors the tier logged after it was ready, while the day was prepared and during the run, grouped by
    process, logger, message and exception (ids and numbers folded): the requests may all succeed while a worker
    fails behind them."""
    phases: dict[str, Counter[str]] = {"while preparing": Counter(), "during the run": Counter()}
    for line in log.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict):
            continue
        if record.get("level") not in ("ERROR", "CRITICAL") or record.get("time", "") < since:
            continue
        causes = EXCEPTION_LINE.findall(record.get("exception", "") or record.get("message", ""))
        message = next(iter(str(record.get("message", "")).splitlines()), "").split("\\n")[0][:160]
        text = VARYING.sub("N", message + (f" [{causes[-1][:160]}]" if causes else ""))
        phase = "during the run" if record["time"] >= run_started else "while preparing"
        phases[phase][f"{record.get('process')} {record.get('logger')}: {NUMBERS.sub('[N…]', text)}"] += 1
    problems = []
    for phase, errors in phases.items():
        if not errors:
            continue
        print(f"\nerrors logged by the tier {phase}:")
        for text, count in errors.most_common():
            print(f"  {count} × {text}")
        problems.append(f"the tier logged {sum(errors.values())} errors {phase}")
    return problems
