"""`LOG_FORMAT=json`: every log record one JSON line, gunicorn's access log in the same shape."""

import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from django.test import RequestFactory
from gunicorn.config import Config

from motcua.core.logging import GunicornJsonLogger, JsonFormatter

ROOT = Path(__file__).resolve().parents[2]


def _record(message: str, *args, exc_info=None, **extra) -> logging.LogRecord:
    return logging.getLogger("motcua.test").makeRecord(
        "motcua.test", logging.WARNING, __file__, 1, message, args, exc_info, extra=extra or None
    )


def test_a_record_is_one_json_line_with_time_level_logger_message_and_extras():
    record = _record("Hồ sơ %s\nđã nhận", "H30.X01-260105-0001", dossier=42)
    record.pageno = None  # as OCRmyPDF's record factory sets it on every record
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "motcua.test"
    assert entry["message"] == "Hồ sơ H30.X01-260105-0001\nđã nhận"
    assert entry["dossier"] == 42
    assert "pageno" not in entry, "fields that are None on every record are left out"
    assert entry["time"].endswith("+00:00") and "T" in entry["time"]


def test_an_exception_stays_inside_its_line():
    try:
        raise ValueError("không hợp lệ")
    except ValueError:
        line = JsonFormatter().format(_record("failed", exc_info=sys.exc_info()))
    entry = json.loads(line)
    assert "Traceback" in entry["exception"]
    assert "ValueError: không hợp lệ" in entry["exception"]


def test_a_request_is_logged_as_method_and_path_without_its_query():
    request = RequestFactory().get("/tra-cuu/", {"id_number": "042195001111"})
    entry = json.loads(JsonFormatter().format(_record("Not Found", request=request, status_code=404)))
    assert entry["request"] == {"method": "GET", "path": "/tra-cuu/"}
    assert "042195001111" not in json.dumps(entry)


def test_gunicorn_access_lines_carry_the_request_as_fields(capsys):
    config = Config()
    config.set("accesslog", "-")
    logger = GunicornJsonLogger(config)
    response = SimpleNamespace(status="404 Not Found", sent=5127, headers=[])
    request = SimpleNamespace(headers=[("X-REQUEST-ID", "abc-123"), ("HOST", "127.0.0.1")])
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/tra-cuu/",
        "QUERY_STRING": "id_number=042195001111",
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_USER_AGENT": "probe",
    }
    logger.access(response, request, environ, timedelta(milliseconds=12, microseconds=300))
    entry = json.loads(capsys.readouterr().out.strip())
    assert entry["logger"] == "gunicorn.access"
    assert entry["message"] == "GET /tra-cuu/ 404"
    assert entry["http"] == {
        "method": "GET",
        "path": "/tra-cuu/",
        "status": 404,
        "bytes": 5127,
        "duration_ms": 12.3,
        "remote_addr": "10.0.0.5",
        "user_agent": "probe",
        "request_id": "abc-123",
    }


def _settings_in_subprocess(log_format: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "motcua.conf.test", "LOG_FORMAT": log_format}
    environment["PYTHONPATH"] = str(ROOT / "src")
    code = "import django, logging; django.setup(); logging.getLogger('motcua.probe').warning('xin chào')"
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, cwd=ROOT)


def test_log_format_json_makes_the_application_log_json():
    result = _settings_in_subprocess("json")
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert (entry["logger"], entry["message"]) == ("motcua.probe", "xin chào")


def test_log_format_text_stays_readable():
    result = _settings_in_subprocess("text")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("WARNING motcua.probe xin chào")


def test_an_unknown_log_format_refuses_to_start():
    result = _settings_in_subprocess("xml")
    assert result.returncode != 0
    assert "LOG_FORMAT" in result.stderr
