"""Accounts: login lockout, staff session lifetimes and the Content-Security-Policy (docs/security.md).

Part of the base settings (``motcua.conf.base`` imports everything here), kept apart so that each settings
module stays one subject.
"""

from .env import config

AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a locked-out account before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = config(
    "LOGIN_FAILURE_LIMIT",
    default=20,
    cast=int,
    help="Wrong passwords in a row that lock an account (staff and administrators alike).",
    group="Security",
)
_LOCKOUT_MINUTES = config(
    "LOGIN_LOCKOUT_MINUTES",
    default=0,
    cast=int,
    help="Minutes a locked account stays locked; 0: until an administrator unlocks it (admin, "
    "*Access attempts*: delete the account's row).",
    group="Security",
)
AXES_COOLOFF_TIME = _LOCKOUT_MINUTES / 60 if _LOCKOUT_MINUTES else None
AXES_LOCKOUT_PARAMETERS = ["username"]  # an account, wherever the attempts come from
# axes.W006 asks to lock addresses too; a post office's clerks share one address behind its router, so an
# address lock would shut a whole counter out (docs/security.md, "Known gaps").
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "motcua.core.client_address.client_ip_or_none"  # honours TRUSTED_PROXIES
AXES_VERBOSE = False

STAFF_SESSION_MAX_HOURS = config(
    "STAFF_SESSION_MAX_HOURS",
    default=10.0,
    cast=float,
    help="A signed-in session ends this many hours after signing in, however active (a working day and some overtime).",
    group="Security",
)
STAFF_SESSION_IDLE_MINUTES = config(
    "STAFF_SESSION_IDLE_MINUTES",
    default=30,
    cast=int,
    help="A signed-in session ends after this many minutes without a request.",
    group="Security",
)
SESSION_COOKIE_AGE = int(STAFF_SESSION_MAX_HOURS * 3600)

# django-csp 4: scripts from our own files only (no inline script, no eval); inline styles stay allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
