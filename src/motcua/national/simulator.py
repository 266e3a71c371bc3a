"""The simulated National Public Service Portal (``manage.py national_portal_sim``; docs/national-portal.md,
"The simulator").

A small HTTP server of its own (the standard library's, in a thread) with its own store, a JSON file under
``var/`` — never motcua's database — so the exchange is tested end to end as a remote party would see it:

* ``POST /api/records`` takes one record with an ``Idempotency-Key`` header: 201 when new, 200 when that key is
  already held (kept once, however often it comes), 422 with ``reasons`` when the record is malformed (required
  fields, code ranges, ISO 8601 times with an offset), 401 without the token;
* ``GET /api/records[?ma=CODE]`` answers what it holds, in the order it received it;
* ``GET /api/filed-online`` lists the dossiers filed online on the portal, ``POST /api/filed-online`` adds one;
* it can be told to fail: ``fail_rate`` of the requests answer 500, and ``down`` drops every connection unanswered.

:class:`PortalSimulator` is the whole logic as a plain class: tests start it on a free port in a thread.
"""

from __future__ import annotations

import json
import random
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .adapters.simulated import DEVELOPMENT_NATIONAL_TOKEN

MAX_BODY = 256 * 1024
KEY_LENGTH = 100
REQUIRED_TEXT = ("MaHoSo", "MaTTHC", "NoiDungXuLy")
REQUIRED_TIMES = ("NgayTiepNhan", "ThoiDiemXuLy")
OPTIONAL_TIMES = ("NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi")
CODE_RANGES = {"TrangThaiHoSo": (1, 10), "KenhThucHien": (1, 3)}
FLAGS = ("HoSoCoThanhPhanSoHoa", "DuocTaiSuDung")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_time(value: object) -> bool:
    """ISO 8601 with its offset: a time without one means nothing to a portal in another time zone."""
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def record_problems(record: object) -> list[str]:
    """Why the portal refuses ``record``; empty when it is well formed."""
    if not isinstance(record, dict):
        return ["the record must be a JSON object"]
    problems = [
        f"{name}: required text"
        for name in REQUIRED_TEXT
        if not (isinstance(record.get(name), str) and record[name].strip())
    ]
    for name, (low, high) in CODE_RANGES.items():
        if not (_is_int(record.get(name)) and low <= record[name] <= high):
            problems.append(f"{name}: a code from {low} to {high}")
    if not (_is_int(record.get("SoThuTu")) and record["SoThuTu"] > 0):
        problems.append("SoThuTu: a positive whole number")
    for name in REQUIRED_TIMES:
        if not _is_time(record.get(name)):
            problems.append(f"{name}: required, ISO 8601 with an offset")
    for name in OPTIONAL_TIMES:
        if record.get(name) is not None and not _is_time(record[name]):
            problems.append(f"{name}: ISO 8601 with an offset, or null")
    for name in FLAGS:
        if record.get(name) not in (0, 1):
            problems.append(f"{name}: 0 or 1")
    if not (_is_int(record.get("SoLanYeuCauBoSung")) and record["SoLanYeuCauBoSung"] >= 0):
        problems.append("SoLanYeuCauBoSung: a whole number, 0 or more")
    return problems


class PortalStore:
    """The simulator's own store: a JSON file, rewritten whole on each change (a test double, not a database)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"records": [], "filed_online": []}
        return json.loads(self.path.read_text("utf-8"))

    def _save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        temporary.replace(self.path)

    def add_record(self, *, key: str, record: dict[str, Any], at: str) -> bool:
        """Keep ``record`` under ``key``; ``False`` when the key was already held (nothing changes)."""
        with self._lock:
            data = self._load()
            if any(held["key"] == key for held in data["records"]):
                return False
            data["records"].append({"key": key, "received_at": at, "record": record})
            self._save(data)
            return True

    def records(self, *, code: str = "") -> list[dict[str, Any]]:
        with self._lock:
            held = self._load()["records"]
        return [r for r in held if not code or r["record"].get("MaHoSo") == code]

    def add_filing(self, filing: dict[str, Any]) -> None:
        with self._lock:
            data = self._load()
            data["filed_online"].append(filing)
            self._save(data)

    def filings(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._load()["filed_online"])


class PortalSimulator:
    """The simulated portal's logic; :meth:`start` serves it over HTTP on ``port`` (0: a free one) in a thread."""

    def __init__(
        self,
        *,
        store: Path | str,
        token: str = DEVELOPMENT_NATIONAL_TOKEN,
        fail_rate: float = 0.0,
        down: bool = False,
        seed: int | None = None,
    ) -> None:
        self.store = PortalStore(store)
        self.token = token
        self.fail_rate = fail_rate
        self.down = down
        self._random = random.Random(seed)  # noqa: S311 - simulated failures, not secrets
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- the logic, without HTTP ------------------------------------------------------------------------------

    def answer(self, *, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        """The status and JSON body the portal answers one request with."""
        if headers.get("authorization", "") != f"Bearer {self.token}":
            return 401, {"error_code": "unauthorized", "message": "missing or wrong token"}
        if self.fail_rate and self._random.random() < self.fail_rate:
            return 500, {"error_code": "failure", "message": "simulated failure"}
        url = urlsplit(path)
        if method == "POST" and url.path == "/api/records":
            return self._take_record(headers=headers, body=body)
        if method == "GET" and url.path == "/api/records":
            code = parse_qs(url.query).get("ma", [""])[0]
            return 200, {"records": self.store.records(code=code)}
        if method == "GET" and url.path == "/api/filed-online":
            return 200, {"filings": self.store.filings()}
        if method == "POST" and url.path == "/api/filed-online":
            filing = _json(body)
            if not isinstance(filing, dict) or not isinstance(filing.get("MaHoSoQG"), str):
                return 422, {"error_code": "invalid", "reasons": ["MaHoSoQG: required text"]}
            self.store.add_filing(filing)
            return 201, {"error_code": "0", "message": "filed"}
        return 404, {"error_code": "not_found", "message": "no such service"}

    def _take_record(self, *, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        key = headers.get("idempotency-key", "")
        if not 0 < len(key) <= KEY_LENGTH:
            return 400, {
                "error_code": "invalid",
                "reasons": ["Idempotency-Key: required header of 1 to 100 characters"],
            }
        record = _json(body)
        problems = record_problems(record)
        if problems:
            return 422, {"error_code": "invalid", "reasons": problems}
        assert isinstance(record, dict)  # record_problems refuses anything else
        if not self.store.add_record(key=key, record=record, at=datetime.now().astimezone().isoformat()):
            return 200, {"error_code": "0", "message": "already held", "duplicate": True}
        return 201, {"error_code": "0", "message": "accepted"}

    # --- serving it ---------------------------------------------------------------------------------------------

    def start(self, *, host: str = "127.0.0.1", port: int = 0) -> int:
        """Serve in a daemon thread; returns the port it listens on."""
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self._server.server_address[1]

    def serve_forever(self, *, host: str = "127.0.0.1", port: int) -> None:
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.serve_forever()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()


def _json(body: bytes) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _handler_for(simulator: PortalSimulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self, method: str) -> None:
            if simulator.down:
                self.close_connection = True  # no answer at all: the caller sees a dropped connection
                return
            length_text = self.headers.get("Content-Length") or "0"
            length = int(length_text) if length_text.isdigit() and len(length_text) < 10 else MAX_BODY + 1
            if length > MAX_BODY:
                status, answer = 413, {"error_code": "too_large", "message": "body too large"}
            else:
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, answer = simulator.answer(
                    method=method, path=self.path, headers=headers, body=self.rfile.read(length)
                )
            payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
