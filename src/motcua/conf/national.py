"""Exchange with the National Public Service Portal (docs/national-portal.md).

Part of the base settings (``motcua.conf.base`` imports everything here).
"""

from .env import config

NATIONAL_PORTAL_ADAPTER = config(
    "NATIONAL_PORTAL_ADAPTER",
    default="log",
    help="How dossier status changes reach the National Public Service Portal: `log` (written to the application "
    "log, nothing leaves the machine; the default) or `simulated` (HTTP to the simulated portal of "
    "`manage.py national_portal_sim` at `NATIONAL_PORTAL_URL`; refused by `check --deploy`).",
    group="National portal",
)
NATIONAL_PORTAL_URL = config(
    "NATIONAL_PORTAL_URL",
    default="http://127.0.0.1:8190",
    help="Base URL of the portal the HTTP adapters talk to (the simulated portal listens on "
    "`manage.py national_portal_sim --port N`).",
    group="National portal",
)
NATIONAL_PORTAL_TOKEN = config(
    "NATIONAL_PORTAL_TOKEN",
    default="",
    help="Credential sent to the portal as a bearer token. Empty: the simulated adapter uses the simulator's "
    "published development token, which `check --deploy` refuses; never commit a real one.",
    group="National portal",
)
NATIONAL_PORTAL_TIMEOUT_SECONDS = config(
    "NATIONAL_PORTAL_TIMEOUT_SECONDS",
    default=10,
    cast=int,
    help="How long one request to the portal may take before it counts as a failed attempt.",
    group="National portal",
)
NATIONAL_PORTAL_BACKOFF_SECONDS = config(
    "NATIONAL_PORTAL_BACKOFF_SECONDS",
    default=60,
    cast=int,
    help="Wait after the first failed attempt of a delivery; each further failure doubles it, up to "
    "`NATIONAL_PORTAL_BACKOFF_MAX_SECONDS`.",
    group="National portal",
)
NATIONAL_PORTAL_BACKOFF_MAX_SECONDS = config(
    "NATIONAL_PORTAL_BACKOFF_MAX_SECONDS",
    default=6 * 3600,
    cast=int,
    help="The longest wait between two attempts of a delivery the portal keeps failing.",
    group="National portal",
)
