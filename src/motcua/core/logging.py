"""Structured logs: one JSON object per line, for ``LOG_FORMAT=json`` (docs/operations.md, "Logs").

The standard library only, so a log shipper (journald, Vector, Loki, Elasticsearch) reads the web, the workers and
beat in one shape: ``time`` (ISO 8601, UTC), ``level``, ``logger``, ``message``, ``exception`` when there is one,
and whatever a caller passed in ``extra``. Gunicorn's own logs go through :class:`GunicornJsonLogger` in the same
shape, its access lines with the request as fields.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger as GunicornLogger

# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is written as a field.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON; tracebacks and multi-line messages stay inside that line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            # None: a field some library's record factory adds to every record (OCRmyPDF's ``pageno``).
            if name not in _RECORD_ATTRIBUTES and name not in entry and value is not None:
                entry[name] = _field(name, value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=str)


def _field(name: str, value: Any) -> Any:
    # Django's request logger passes the request object: its method and path, never its query string, which may
    # carry an ID number or a lookup code.
    if name == "request" and hasattr(value, "method") and hasattr(value, "path"):
        return {"method": value.method, "path": value.path}
    return value


class GunicornJsonLogger(GunicornLogger):
    """Gunicorn's error and access logs through :class:`JsonFormatter` (``gunicorn --logger-class``).

    An access line carries the request as fields under ``http``; the path is logged without its query string
    for the reason given in :func:`_field`. ``request_id`` is the proxy's ``X-Request-ID`` when it sends one.
    """

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        status = str(resp.status).split(None, 1)[0]
        headers = getattr(req, "headers", [])
        headers = {name.lower(): value for name, value in (headers.items() if hasattr(headers, "items") else headers)}
        http = {
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "status": int(status) if status.isdigit() else status,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote_addr": environ.get("REMOTE_ADDR"),
            "user_agent": environ.get("HTTP_USER_AGENT"),
        }
        if "x-request-id" in headers:
            http["request_id"] = headers["x-request-id"]
        self.access_log.info("%s %s %s", http["method"], http["path"], http["status"], extra={"http": http})
