"""Settings shared by every tier. Tier modules (dev, test, production) adjust a few of them.

Everything an operator may change is read through :func:`motcua.conf.env.config`, which documents it.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from motcua.core.localtime import LOCAL_TIME_ZONE_NAME

from .env import config
from .guards import DEVELOPMENT_WEBHOOK_SECRET  # noqa: F401 - the dev and test settings use it

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(
    config(
        "MOTCUA_VAR_DIR",
        default=str(BASE_DIR / "var"),
        shown_default="var/ in the project folder",
        help="Folder for the embedded database, local media and other runtime files.",
        group="Storage",
    )
)

SECRET_KEY = config(
    "SECRET_KEY",
    default="",
    help="Django's secret key. Required outside the dev and test settings; never commit it.",
    group="Security",
    required_in_production=True,
)
DEBUG = config(
    "DEBUG", default=False, cast=bool, help="Django debug mode. Keep it off in production.", group="Security"
)
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost"],
    cast=list,
    help="Comma-separated host names this site serves.",
    group="Security",
)
SECURE_SSL = config(
    "SECURE_SSL",
    default=True,
    cast=bool,
    help="Production settings only: secure cookies and HSTS, for a site served over HTTPS behind a proxy.",
    group="Security",
)
CSRF_TRUSTED_ORIGINS = config(
    "CSRF_TRUSTED_ORIGINS",
    default=[],
    cast=list,
    help="Comma-separated origins (scheme and host) trusted for unsafe requests behind a proxy.",
    group="Security",
)

TRUSTED_PROXIES = config(
    "TRUSTED_PROXIES",
    default=[],
    cast=list,
    help=(
        "Comma-separated addresses or networks (CIDR) of the reverse proxies in front of the site. Only when the "
        "connection comes from one of them is CLIENT_ADDRESS_HEADER read for the client's address (the public "
        "lookup's and booking's throttles count per address). Empty: the header is never trusted."
    ),
    group="Security",
)
CLIENT_ADDRESS_HEADER = config(
    "CLIENT_ADDRESS_HEADER",
    default="X-Forwarded-For",
    help=(
        "Header in which the trusted proxies pass the client's address (X-Forwarded-For, or X-Real-IP). Read "
        "right to left, skipping the trusted proxies; ignored unless TRUSTED_PROXIES is set."
    ),
    group="Security",
)

# motcua's apps come first: their templates (login pages) and translations win over Django's.
INSTALLED_APPS = [
    "motcua.core",
    "motcua.accounts",
    "motcua.audit",
    "motcua.localities",
    "motcua.workdays",
    "motcua.agencies",
    "motcua.procedures",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.postal",
    "motcua.stages",
    "motcua.planner",
    "motcua.training",
    "motcua.certification",
    "motcua.sandbox",
    "motcua.tickets",
    "motcua.notifications",
    "motcua.payments",
    "motcua.national",
    "motcua.citizens",
    "motcua.citizens.idp",
    "motcua.submissions",
    "motcua.mydossiers",
    "motcua.feedback",
    "motcua.indicators",
    "motcua.synthetic",
    "motcua.portal",
    "motcua.desk",
    "motcua.api",
    "motcua.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",  # login throttling and lockout (docs/security.md); its AccessAttempt admin unlocks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.ChosenLanguageMiddleware",
    "motcua.core.input_guard.InputGuardMiddleware",  # NUL bytes, lone surrogates, JSON too deep: a 400
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "motcua.core.middleware.StaffSessionLifetimeMiddleware",
    "motcua.core.middleware.PersonalDataNoStoreMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.desk.menu.desk_menu",
            ],
        },
    }
]

# Database: SQLite in var/ by default (WAL mode, see motcua.core.apps); PostgreSQL via DATABASE_URL.
DATABASE_URL = config(
    "DATABASE_URL",
    default="",
    help="Database URL, e.g. `postgres://user@host:5432/motcua`. Unset: SQLite at `$MOTCUA_VAR_DIR/motcua.sqlite3`.",
    group="Database",
)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
        conn_max_age=config(
            "DATABASE_CONN_MAX_AGE",
            default=60,
            cast=int,
            help="Seconds a database connection is kept open between requests (PostgreSQL).",
            group="Database",
        ),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing.
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Short OLTP statements: PostgreSQL's JIT compiles the inbox counts for 40 ms to save nothing
    # (bench/desk.py measured the statement at 79 ms with JIT, 33 ms without).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = config(
    "CACHE_URL",
    default="",
    help="Redis URL for the shared cache, e.g. `redis://127.0.0.1:6379/1`. Unset: per-process memory cache.",
    group="Background jobs and cache",
)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

CELERY_BROKER_URL = config(
    "CELERY_BROKER_URL",
    default="",
    help="Celery broker, e.g. `redis://127.0.0.1:6379/0`. Unset: tasks run in-process, no worker needed.",
    group="Background jobs and cache",
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = LOCAL_TIME_ZONE_NAME
# Periodic jobs (issue 3). Cron may run `manage.py dossier_deadlines` and `manage.py outbox_dispatch` instead;
# both jobs are idempotent, so running beat and cron together does no harm. Schedules are in seconds.
CELERY_BEAT_SCHEDULE = {
    "dossier-deadlines": {"task": "dossiers.deadlines_flag", "schedule": 15 * 60},
    # A sweep behind `outbox_kick`: delivers what a lost kick or a failed attempt left behind.
    "outbox-dispatch": {"task": "dossiers.outbox_dispatch", "schedule": 60},
    # Reminders before a certification expires (issue 12); idempotent like the others.
    "certification-reminders": {"task": "certification.reminders_send", "schedule": 24 * 60 * 60},
    # Exams whose time ran out without a submission are closed with the answers saved.
    "training-attempts-close": {"task": "training.attempts_close_expired", "schedule": 5 * 60},
    # The queue (issue 13): close the past days' tickets and missed appointments; remind tomorrow's appointments
    # (each run only queues what is not yet reminded, so the hourly run sends each reminder once).
    "queue-day-close": {"task": "tickets.day_close", "schedule": 60 * 60},
    "appointments-mark-missed": {"task": "tickets.appointments_mark_missed", "schedule": 15 * 60},
    "appointment-reminders": {"task": "tickets.appointment_reminders", "schedule": 60 * 60},
    # The national portal exchange (issue 14): due deliveries and retries after backoff.
    "national-push": {"task": "national.push", "schedule": 60},
    # Notifications whose provider was down, after their backoff.
    "notifications-send": {"task": "notifications.send_due", "schedule": 60},
    "feedback-complaints-flag": {"task": "feedback.complaints_flag", "schedule": 15 * 60},
    # The indicators' rollups: dossiers whose fold after their commit failed (their marks stay) are folded here.
    "indicators-fold-pending": {"task": "indicators.rollups_fold_pending", "schedule": 60},
}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
TIME_ZONE = config(
    "TIME_ZONE",
    default=LOCAL_TIME_ZONE_NAME,
    help="Time zone for display and for working-day arithmetic.",
    group="Locale and calendar",
)
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [SRC_DIR / "motcua" / "locale"]
FORMAT_MODULE_PATH = ["motcua.formats"]

WORKDAY_HOURS = config(
    "WORKDAY_HOURS",
    default="07:00-11:30,13:30-17:00",
    help="Default office hours of a working day, comma-separated `HH:MM-HH:MM` periods (a locality may differ).",
    group="Locale and calendar",
)
WORKDAY_SAME_DAY_CUTOFF = config(
    "WORKDAY_SAME_DAY_CUTOFF",
    default="15:00",
    help=(
        "For same-day procedures: received up to this time (15:00:00 included), due at closing the same day; "
        "strictly after it, at closing the next working day. Also the transfer cut-off: a dossier received "
        "after it goes to the agency at the next working day's opening."
    ),
    group="Locale and calendar",
)
WORKDAY_HOURS_PER_DAY = config(
    "WORKDAY_HOURS_PER_DAY",
    default=8.0,
    cast=float,
    help="Working hours that count as one working day when limits are stated in days.",
    group="Locale and calendar",
)

# Who decides on substance (docs/domain.md, "Who does what: postal staff and the agency").
POSTAL_STAFF_MAY_REQUEST_SUPPLEMENT_IN_PROCESS = config(
    "POSTAL_STAFF_MAY_REQUEST_SUPPLEMENT_IN_PROCESS",
    default=False,
    cast=bool,
    help=(
        "Whether postal staff may ask for a supplement once the dossier is with the agency. Off by default: "
        "postal staff check completeness at reception (Decision 45/2016, Circular 17/2017); a supplement "
        "during processing is the agency's request, sent through the one-stop unit (Decree 118/2025)."
    ),
    group="Dossiers",
)
POSTAL_STAFF_MAY_REFUSE_AT_RECEPTION = config(
    "POSTAL_STAFF_MAY_REFUSE_AT_RECEPTION",
    default=True,
    cast=bool,
    help=(
        "Whether postal staff may refuse a dossier at reception (slip 03: out of scope, or plainly "
        "ineligible on the face of the papers). Turn off where the province leaves every refusal to the "
        "one-stop unit's own officials. Refusing on substance during processing is always the agency's."
    ),
    group="Dossiers",
)

# Official papers' numbers, "Số: 12/GTN" (docs/domain.md, "Official papers: who issues, who signs, their numbers").
SLIP_NUMBER_SUFFIXES = config(
    "SLIP_NUMBER_SUFFIXES",
    default=["01=GTN", "02=PYCBS", "03=PTC", "04=PXL", "05=TB-DGQ", "06=PKS"],
    cast=list,
    help=(
        "The symbol printed after each form's number (`Số: 12/GTN`), as `form=symbol` pairs separated by "
        "commas; a form without one prints its number alone. Numbers run per issuing unit, form and year."
    ),
    group="Dossiers",
)
DOSSIER_CODE_FORMAT = config(
    "DOSSIER_CODE_FORMAT",
    default="{agency}-{date:%y%m%d}-{seq:04d}",
    help=(
        "Pattern of dossier codes: `{agency}` the issuing unit's ID, `{date}` the reception day, "
        "`{seq}` the day's number."
    ),
    group="Dossiers",
)
DOSSIER_DUE_SOON_HOURS = config(
    "DOSSIER_DUE_SOON_HOURS",
    default=8.0,
    cast=float,
    help="Working hours before the appointment when a dossier counts as due soon.",
    group="Dossiers",
)

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(
    config(
        "MEDIA_ROOT",
        default=str(VAR_DIR / "media"),
        shown_default="$MOTCUA_VAR_DIR/media",
        help="Local folder for uploaded and generated files when no object store is configured.",
        group="Storage",
    )
)
PUBLIC_BASE_URL = config(
    "PUBLIC_BASE_URL",
    default="http://127.0.0.1:8000",
    help="Public address of the site, printed in the receipt's QR code for the dossier lookup.",
    group="General",
)
AWS_STORAGE_BUCKET_NAME = config(
    "S3_BUCKET",
    default="",
    help="Bucket of an S3-compatible object store for media. Unset: local folder `MEDIA_ROOT`.",
    group="Storage",
)
AWS_S3_ENDPOINT_URL = config(
    "S3_ENDPOINT_URL", default="", help="Endpoint of the S3-compatible store (MinIO, Ceph…).", group="Storage"
)
AWS_ACCESS_KEY_ID = config("S3_ACCESS_KEY_ID", default="", help="Access key of the object store.", group="Storage")
AWS_SECRET_ACCESS_KEY = config(
    "S3_SECRET_ACCESS_KEY", default="", help="Secret key of the object store.", group="Storage"
)
AWS_S3_REGION_NAME = config(
    "S3_REGION", default="", help="Region of the object store, if it needs one.", group="Storage"
)
STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage"}
        if AWS_STORAGE_BUCKET_NAME
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Accounts: login lockout, staff sessions, page headers (docs/security.md) ------------------------------------
from .accounts import *  # noqa: E402, F403
from .attribution import *  # noqa: E402, F403
from .citizens import *  # noqa: E402, F403 - after accounts: it extends AUTHENTICATION_BACKENDS
from .feedback import *  # noqa: E402, F403
from .indicators import *  # noqa: E402, F403
from .logging import *  # noqa: E402, F403
from .mydossiers import *  # noqa: E402, F403
from .national import *  # noqa: E402, F403
from .national_filings import *  # noqa: E402, F403
from .notifications import *  # noqa: E402, F403
from .payments import *  # noqa: E402, F403
from .queue import *  # noqa: E402, F403
from .submissions import *  # noqa: E402, F403
from .training import *  # noqa: E402, F403

# --- Digitization -------------------------------------------------------------------------------
DIGITIZATION_MAX_FILE_MB = config(
    "DIGITIZATION_MAX_FILE_MB",
    default=50,
    cast=int,
    help="Largest file accepted for digitization, in MB.",
    group="Digitization",
)
DIGITIZATION_MAX_PAGES = config(
    "DIGITIZATION_MAX_PAGES",
    default=200,
    cast=int,
    help="Most pages a digitization job may hold (all its files).",
    group="Digitization",
)
DIGITIZATION_MAX_MEGAPIXELS = config(
    "DIGITIZATION_MAX_MEGAPIXELS",
    default=40,
    cast=int,
    help=(
        "Most pixels one page may hold, in megapixels (all the images of a PDF page together), checked before "
        "decoding: it bounds the work a page costs. An A4 page at 600 dpi is 35, an A3 page at 400 dpi 31."
    ),
    group="Digitization",
)
DIGITIZATION_DEFAULT_DPI = config(
    "DIGITIZATION_DEFAULT_DPI",
    default=200,
    cast=int,
    help="Resolution assumed for an image that does not state one.",
    group="Digitization",
)
DIGITIZATION_OCR_LANGUAGES = config(
    "DIGITIZATION_OCR_LANGUAGES",
    default=["vie", "eng"],
    cast=list,
    help="Tesseract languages for OCR, comma-separated.",
    group="Digitization",
)
DIGITIZATION_OCR_JOBS = config(
    "DIGITIZATION_OCR_JOBS",
    default=0,
    cast=int,
    help="Pages OCR'd in parallel by one job; 0: one per CPU.",
    group="Digitization",
)
DIGITIZATION_CLEAN = config(
    "DIGITIZATION_CLEAN",
    default=True,
    cast=bool,
    help="Clean scans with unpaper before OCR (only when unpaper is installed; the archived page is untouched).",
    group="Digitization",
)
DIGITIZATION_PKI_DIR = Path(
    config(
        "DIGITIZATION_PKI_DIR",
        default=str(VAR_DIR / "pki"),
        shown_default="var/pki/ in the project folder",
        help="Folder of the development CA and unit certificates made by `manage.py pki_dev`.",
        group="Digitization",
    )
)
DIGITIZATION_SIGNING_P12 = config(
    "DIGITIZATION_SIGNING_P12",
    default="",
    help="PKCS#12 file with the receiving unit's signing key and certificate. Unset: the development "
    "certificate of the receiving point, `<DIGITIZATION_PKI_DIR>/points/<point code>.p12`.",
    group="Digitization",
)
DIGITIZATION_P12_PASSWORD = config(
    "DIGITIZATION_P12_PASSWORD",
    default="motcua-dev",
    help="Password of the PKCS#12 files. Change it outside development.",
    group="Digitization",
)
DIGITIZATION_TRUST_ROOTS = config(
    "DIGITIZATION_TRUST_ROOTS",
    default=[],
    cast=list,
    help="PEM files of the CA certificates that signatures are checked against, comma-separated. "
    "Unset: the development CA `<DIGITIZATION_PKI_DIR>/ca.pem`.",
    group="Digitization",
)
DIGITIZATION_MAX_ATTEMPTS = config(
    "DIGITIZATION_MAX_ATTEMPTS",
    default=3,
    cast=int,
    help="Attempts at a digitization job (a worker crash or a transient error) before it is marked failed.",
    group="Digitization",
)
DIGITIZATION_SIGN_REASON = "Bản sao điện tử được số hóa"
# OCRmyPDF narrates every page at INFO; keep its warnings.
CELERY_TASK_ROUTES = {"documents.digitize": {"queue": "ocr"}, "documents.store_result": {"queue": "ocr"}}

# --- Postal service: carriers, tracking webhook, polling -----------------------------------------------------------
POSTAL_CARRIER = config(
    "POSTAL_CARRIER",
    default="",
    help="Carrier that new postal orders are booked with: `http` (the operator's JSON API at "
    "`POSTAL_HTTP_BASE_URL`) or `simulated` (built in, offline; the default of the dev and test settings only, "
    "refused by the production settings). Unset: orders name no carrier and only postmen report on them.",
    group="Postal service",
)


def webhook_secrets(pairs: list[str]) -> dict[str, str]:
    """``["carrier=secret", …]`` as a dict; pairs without a secret are dropped (that carrier has no webhook)."""
    return {
        code.strip(): secret.strip() for code, _sep, secret in (item.partition("=") for item in pairs) if secret.strip()
    }


POSTAL_WEBHOOK_SECRETS = webhook_secrets(
    config(
        "POSTAL_WEBHOOK_SECRETS",
        default=[],
        cast=list,
        help="HMAC secrets of the tracking webhook, `carrier=secret` pairs separated by commas. A carrier "
        "without a secret has no webhook (404). Unset: no webhook (the dev and test settings add a published "
        "development secret for the simulated carrier, which the production settings refuse).",
        group="Postal service",
    )
)
POSTAL_EVENT_CLOCK_TOLERANCE_SECONDS = config(
    "POSTAL_EVENT_CLOCK_TOLERANCE_SECONDS",
    default=300,
    cast=int,
    help="How far a carrier's clock may be off: an event dated more than this after now, or before its order "
    "was created by more than this, is refused and not stored.",
    group="Postal service",
)
POSTAL_HTTP_BASE_URL = config(
    "POSTAL_HTTP_BASE_URL",
    default="",
    help="Base URL of the postal operator's API for the `http` carrier, e.g. `https://api.example.vn/v1`.",
    group="Postal service",
)
POSTAL_HTTP_API_KEY = config(
    "POSTAL_HTTP_API_KEY",
    default="",
    help="API key sent as `Authorization: Bearer …` to the operator's API.",
    group="Postal service",
)
POSTAL_HTTP_TIMEOUT = config(
    "POSTAL_HTTP_TIMEOUT",
    default=10.0,
    cast=float,
    help="Seconds to wait for the operator's API before a request fails (it is retried by the next poll).",
    group="Postal service",
)
POSTAL_SIM_FAILURE_RATE = config(
    "POSTAL_SIM_FAILURE_RATE",
    default=0.1,
    cast=float,
    help="Simulated carrier: probability that a delivery attempt fails.",
    group="Postal service",
)
POSTAL_MAX_ATTEMPTS = config(
    "POSTAL_MAX_ATTEMPTS",
    default=3,
    cast=int,
    help="Delivery attempts before a result goes back to the counter.",
    group="Postal service",
)
POSTAL_POLL_AFTER_MINUTES = config(
    "POSTAL_POLL_AFTER_MINUTES",
    default=120,
    cast=int,
    help="`manage.py carrier_poll` asks the carrier about open orders with no event for this many minutes "
    "(the fallback when webhooks are lost).",
    group="Postal service",
)
