"""Settings for deployments: the secret is required, cookies are secure."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .guards import forged_event_risks

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set outside the dev and test settings.")
DEBUG = False
SESSION_COOKIE_SECURE = SECURE_SSL  # noqa: F405
CSRF_COOKIE_SECURE = SECURE_SSL  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0  # noqa: F405

# Forged carrier events (docs/security.md): no simulated carrier, no published webhook secret.
_postal_risks = forged_event_risks(carrier=POSTAL_CARRIER, webhook_secrets=POSTAL_WEBHOOK_SECRETS)  # noqa: F405
if _postal_risks:
    raise ImproperlyConfigured("Refusing to start: " + " ".join(_postal_risks))
