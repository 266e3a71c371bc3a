"""Settings of the notifications app (docs/notifications.md). Part of the base settings: ``motcua.conf.base``
imports everything here.

E-mail goes through Django's ``EMAIL_BACKEND``; the embedded tier writes each message as a file under
``var/mail/`` so that the whole flow runs offline and a person can read what a citizen would have received.
SMS and Zalo go through a provider chosen per channel; the built-in ``simulated`` providers record what they
"sent" in the database and can be told to be down, to try the retries.
"""

from .base import VAR_DIR
from .env import config

EMAIL_BACKEND = config(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.filebased.EmailBackend",
    help="Django e-mail backend. The default writes each message to a file in `EMAIL_FILE_PATH` (the embedded "
    "tier); set `django.core.mail.backends.smtp.EmailBackend` with `EMAIL_HOST`… to send for real.",
    group="Notifications",
)
EMAIL_FILE_PATH = config(
    "EMAIL_FILE_PATH",
    default=str(VAR_DIR / "mail"),  # type: ignore[has-type]  # base is still loading
    shown_default="$MOTCUA_VAR_DIR/mail",
    help="Folder where the file e-mail backend writes the messages.",
    group="Notifications",
)
EMAIL_HOST = config("EMAIL_HOST", default="localhost", help="SMTP server (smtp backend only).", group="Notifications")
EMAIL_PORT = config("EMAIL_PORT", default=25, cast=int, help="SMTP port (smtp backend only).", group="Notifications")
EMAIL_HOST_USER = config("EMAIL_HOST_USER", default="", help="SMTP user (smtp backend only).", group="Notifications")
EMAIL_HOST_PASSWORD = config(
    "EMAIL_HOST_PASSWORD", default="", help="SMTP password (smtp backend only).", group="Notifications"
)
EMAIL_USE_TLS = config(
    "EMAIL_USE_TLS",
    default=False,
    cast=bool,
    help="STARTTLS to the SMTP server (smtp backend only).",
    group="Notifications",
)
DEFAULT_FROM_EMAIL = config(
    "DEFAULT_FROM_EMAIL",
    default="motcua <khong-tra-loi@motcua.local>",
    help="Sender of the notifications by e-mail.",
    group="Notifications",
)
NOTIFY_CHANNELS = config(
    "NOTIFY_CHANNELS",
    default=["email", "sms", "zalo"],
    cast=list,
    help="The channels a dossier's events are sent on, comma-separated, among `email`, `sms`, `zalo`. A channel "
    "left out makes no notification at all (not even a skipped one).",
    group="Notifications",
)
NOTIFY_EMAIL_PROVIDER = config(
    "NOTIFY_EMAIL_PROVIDER",
    default="django",
    help="Provider of the e-mail channel: `django` (Django's `send_mail` through `EMAIL_BACKEND`).",
    group="Notifications",
)
NOTIFY_SMS_PROVIDER = config(
    "NOTIFY_SMS_PROVIDER",
    default="simulated",
    help="Provider of the SMS channel: `simulated` (records the message, sends nothing) until a gateway is registered.",
    group="Notifications",
)
NOTIFY_ZALO_PROVIDER = config(
    "NOTIFY_ZALO_PROVIDER",
    default="simulated",
    help="Provider of the Zalo channel: `simulated` (records the message, sends nothing) until a gateway is "
    "registered.",
    group="Notifications",
)
NOTIFY_SIMULATED_DOWN = config(
    "NOTIFY_SIMULATED_DOWN",
    default=[],
    cast=list,
    help="Channels whose simulated provider answers as if it were down (comma-separated, e.g. `sms,zalo`): the "
    "notifications wait and are retried with backoff.",
    group="Notifications",
)
NOTIFY_SMS_ASCII = config(
    "NOTIFY_SMS_ASCII",
    default=True,
    cast=bool,
    help="Send SMS without Vietnamese accents (a 160-character GSM message instead of a 70-character Unicode one).",
    group="Notifications",
)
NOTIFY_MAX_ATTEMPTS = config(
    "NOTIFY_MAX_ATTEMPTS",
    default=8,
    cast=int,
    help="After this many failed attempts a notification is marked failed; a supervisor may send it again.",
    group="Notifications",
)
NOTIFY_RETRY_SECONDS = config(
    "NOTIFY_RETRY_SECONDS",
    default=60,
    cast=int,
    help="Wait before the first retry of a failed send; each next retry waits twice as long (at most a day).",
    group="Notifications",
)
