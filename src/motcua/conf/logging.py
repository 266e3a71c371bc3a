"""Logging: level, format (text, or one JSON object per line for `make serve` and production) and the noisy
libraries kept to their warnings (docs/operations.md). Part of the base settings once ``motcua.conf.base``
imports everything here."""

from django.core.exceptions import ImproperlyConfigured

from .env import config

LOG_LEVEL = config("LOG_LEVEL", default="INFO", help="Level of the application log.", group="General")
LOG_FORMAT = config(
    "LOG_FORMAT",
    default="text",
    help="`text` (one readable line per record) or `json` (one JSON object per line: time, level, logger, "
    "message, exception; docs/operations.md). `make serve` sets `json`.",
    group="General",
)
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be `text` or `json`, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "console": (
            {"()": "motcua.core.logging.JsonFormatter"}
            if LOG_FORMAT == "json"
            else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
        )
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "console"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint and fontTools narrate every PDF at INFO; keep their warnings only.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # One line per task run ("succeeded in 0.0005 s"): noise in-process, where tasks run eagerly.
        "celery.app.trace": {"level": "WARNING"},
        # OCRmyPDF's progress, and pikepdf's C++ bridge saying hello on every start.
        "ocrmypdf": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
    },
}
# Celery workers and beat log through the LOGGING above, not a format of their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
