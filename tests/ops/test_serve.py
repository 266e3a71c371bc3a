"""`make serve` (scripts/serve.sh) started for real: production settings, gunicorn, Celery workers and beat.

The tier gets its own database, Redis databases 6 and 7, a free port and a throwaway var folder, all removed at the
end. A dossier is received through the API and the outbox message of its reception is delivered by the Celery
worker of the default queue, which proves that the worker consumes what the web enqueues.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
READY_WITHIN_SECONDS = 150
CACHE_DB, BROKER_DB = 6, 7
INHERITED = {"PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR"}

pytestmark = pytest.mark.postgres


@dataclass
class Tier:
    """What one `serve.sh` needs, shared by the tests of this module: a database, Redis databases, a var folder."""

    database_url: str
    cache_url: str
    broker_url: str
    var_dir: Path
    log_dir: Path
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        # Not the test run's settings (DJANGO_ALLOW_ASYNC_UNSAFE, DATABASE_URL…): `check --deploy` refuses some.
        inherited = {key: value for key, value in os.environ.items() if key in INHERITED}
        return {
            **inherited,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "SERVE_DATABASE_URL": self.database_url,
            "SERVE_CACHE_URL": self.cache_url,
            "SERVE_BROKER_URL": self.broker_url,
            "SERVE_WORKERS": "2",
            "SERVE_DEFAULT_CONCURRENCY": "1",
            "SERVE_OCR_CONCURRENCY": "1",
            "SERVE_STOP_SECONDS": "30",
            "MOTCUA_VAR_DIR": str(self.var_dir),
            "LOG_FORMAT": "json",
        }

    def manage(self, *args: str) -> str:
        """A management command against the tier's database, with the environment serve.sh exports."""
        environment = {
            **self.environment(),
            "DJANGO_SETTINGS_MODULE": "motcua.conf.production",
            "DATABASE_URL": self.database_url,
            "CACHE_URL": self.cache_url,
            "CELERY_BROKER_URL": self.broker_url,
            "SECRET_KEY": (self.var_dir / "serve-secret-key").read_text().strip(),
            "SECURE_SSL": "false",
            "PYTHONPATH": str(ROOT / "src"),
        }
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        return result.stdout


@pytest.fixture(scope="module")
def tier():
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.skip("needs the PostgreSQL tier: set DATABASE_URL")
    name = f"motcua_serve_test_{uuid.uuid4().hex[:8]}"
    database_url = urlsplit(base)._replace(path=f"/{name}").geturl()
    redis_host = urlsplit(os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379").netloc.rpartition("@")[2]
    folder = Path(tempfile.mkdtemp(prefix="motcua-serve-test-"))
    made = Tier(
        database_url=database_url,
        cache_url=f"redis://{redis_host}/{CACHE_DB}",
        broker_url=f"redis://{redis_host}/{BROKER_DB}",
        var_dir=folder / "var",
        log_dir=folder,
        port=_free_port(),
    )
    try:
        yield made
    finally:
        with psycopg.connect(urlsplit(base)._replace(path="/postgres").geturl(), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        for url in (made.cache_url, made.broker_url):
            redis.Redis.from_url(url).flushdb()
        shutil.rmtree(folder, ignore_errors=True)


class Serving:
    """One run of scripts/serve.sh in a session of its own, its output in a file."""

    def __init__(self, tier: Tier, log_name: str) -> None:
        self.tier = tier
        self.log_path = tier.log_dir / log_name
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [str(ROOT / "scripts" / "serve.sh")],
            cwd=ROOT,
            env=tier.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def tail(self) -> str:
        return "\n".join(self.output().splitlines()[-40:])

    def wait_ready(self) -> dict:
        deadline = time.monotonic() + READY_WITHIN_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"serve.sh ended with {self.process.returncode}:\n{self.tail()}"
            try:
                status, _headers, body = get(f"{self.tier.base_url}/readyz")
            except OSError:
                status = 0
            if status == 200:
                return json.loads(body)
            time.sleep(1)
        pytest.fail(f"/readyz did not answer 200 within {READY_WITHIN_SECONDS} s:\n{self.tail()}")

    def processes(self) -> dict[int, str]:
        """Live processes of the run's session (zombies left to an init that does not reap are not alive)."""
        return session_processes(self.process.pid)

    def stop(self) -> None:
        """Whatever is left, killed: the test's own safety net, not what the tests check."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=60)
        for pid in self.processes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.log.close()


def test_serve_runs_the_production_tier_and_drives_a_dossier_through_it(tier):
    serving = Serving(tier, "serve.log")
    try:
        checks = serving.wait_ready()
        assert checks == {
            "status": "ready",
            "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "broker": "ok"},
        }
        status, _headers, body = get(f"{tier.base_url}/healthz")
        assert (status, json.loads(body)) == (200, {"status": "ok"})

        secret = tier.var_dir / "serve-secret-key"
        assert secret.stat().st_mode & 0o777 == 0o600
        assert len(secret.read_text().strip()) >= 50

        # DEBUG is off: an unknown address gets the site's own 404 page, not Django's technical one.
        status, _headers, page = get(f"{tier.base_url}/no-such-page-{uuid.uuid4().hex}/")
        assert status == 404
        assert "Using the URLconf defined in" not in page
        assert "DEBUG = True" not in page

        # Static files by WhiteNoise, under hashed names cached for a year.
        stylesheet = re.search(r'href="(/static/core/site\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, page[:2000]
        status, headers, css = get(tier.base_url + stylesheet.group(1))
        assert status == 200
        assert "max-age=315360000" in headers.get("Cache-Control", "")
        assert css.strip()

        # A dossier received through the API with a token made on the tier's database.
        token = tier.manage("api_token", "clerk", "--name", "serve test").strip().splitlines()[-1].strip()
        procedure = get_json(f"{tier.base_url}/api/v1/procedures/1.004873", token)
        dossier = post_json(
            f"{tier.base_url}/api/v1/dossiers",
            token,
            {
                "procedure": "1.004873",
                "receiving_point": "VNP.42.18073",
                "lead_agency": "H30.X01",
                "channel": "counter",
                "applicant": {
                    "kind": "citizen",
                    "name": "Trần Thị Minh Anh",
                    "id_number": "042192003456",
                    "birth_date": "1992-03-14",
                    "phone": "0912000111",
                    "address": "25 Nguyễn Du, Phường Thành Sen, Hà Tĩnh",
                },
                "components": [{"order": c["order"]} for c in procedure["components"] if c["mandatory"]],
                "return_method": "counter",
                "fees_paid": procedure["fee_total"],
            },
        )
        code = dossier["code"]

        # The reception's outbox message, delivered by the worker of the default queue (the web only enqueues).
        dispatched = wait_for(lambda: outbox_dispatched(tier.database_url, code), seconds=60)
        assert dispatched, f"the reception of {code} was not delivered:\n{serving.tail()}"
        records = [json.loads(line) for line in serving.output().splitlines() if line.strip()]
        delivered_by = {
            r["process"] for r in records if r.get("logger") == "motcua.outbox" and code in r.get("message", "")
        }
        assert delivered_by == {"worker-default"}

        # Structured logs: every line is JSON and names its process; log records carry time, level and logger.
        assert {r["process"] for r in records} >= {"setup", "serve", "web", "worker-default", "worker-ocr", "beat"}
        access = [r for r in records if r.get("logger") == "gunicorn.access" and r["http"]["path"] == "/healthz"]
        assert access and access[0]["http"]["status"] == 200
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", access[0]["time"])

        children = serving.processes()
        assert any("gunicorn" in command for command in children.values())
        assert any("beat" in command for command in children.values())

        serving.process.send_signal(signal.SIGTERM)
        assert serving.process.wait(timeout=90) == 0, serving.tail()
        assert wait_for(lambda: not serving.processes(), seconds=10), serving.processes()
    finally:
        serving.stop()


def test_a_process_that_dies_stops_the_whole_tier(tier):
    serving = Serving(tier, "serve-again.log")
    try:
        serving.wait_ready()
        beat = [pid for pid, command in serving.processes().items() if "celery" in command and " beat " in command]
        assert len(beat) == 1, serving.processes()
        os.kill(beat[0], signal.SIGKILL)

        assert serving.process.wait(timeout=90) != 0
        assert wait_for(lambda: not serving.processes(), seconds=10), serving.processes()
        assert "beat ended" in serving.output()
    finally:
        serving.stop()


# --- helpers -------------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def get_json(url: str, token: str) -> dict:
    status, _headers, body = get(url, {"Authorization": f"Bearer {token}", "Accept": "application/json"})
    assert status == 200, body
    return json.loads(body)


def post_json(url: str, token: str, payload: dict) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 201
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        pytest.fail(f"POST {url} -> {error.code}: {error.read().decode(errors='replace')}")


def outbox_dispatched(database_url: str, code: str) -> bool:
    with psycopg.connect(database_url) as connection:
        row = connection.execute(
            "SELECT count(*) FILTER (WHERE dispatched_at IS NOT NULL), count(*) FROM dossiers_outboxmessage "
            "WHERE payload->>'code' = %s",
            (code,),
        ).fetchone()
    return bool(row and row[1] and row[0] == row[1])


def wait_for(condition, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return bool(condition())


def session_processes(session: int) -> dict[int, str]:
    """Live processes whose session is ``session``, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        # After the command name in parentheses: state, ppid, pgrp, session.
        state, _ppid, _pgrp, sid = stat.rpartition(")")[2].split()[:4]
        if int(sid) == session and state != "Z":
            found[int(entry.name)] = command
    return found
