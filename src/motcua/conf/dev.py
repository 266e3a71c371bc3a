"""Settings for `make run` on one machine: DEBUG on, a per-checkout secret kept in var/."""

import os
import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405


def _local_secret() -> str:
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _local_secret()  # noqa: F405

# The simulated carrier and its published webhook secret, unless the environment names real ones.
if "POSTAL_CARRIER" not in os.environ:
    POSTAL_CARRIER = "simulated"
if "POSTAL_WEBHOOK_SECRETS" not in os.environ:
    POSTAL_WEBHOOK_SECRETS = {"simulated": DEVELOPMENT_WEBHOOK_SECRET}  # noqa: F405
