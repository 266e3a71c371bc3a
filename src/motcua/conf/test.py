"""Settings for the test suite: fast hashing, eager tasks, throwaway secret."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105 - used by the test suite alone
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# Uploaded files of the tests go to a throwaway folder, never into the project's var/.
import tempfile  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="motcua-test-media-"))  # noqa: F405

# The simulated carrier and its published webhook secret (refused by the production settings).
POSTAL_CARRIER = "simulated"
POSTAL_WEBHOOK_SECRETS = {"simulated": DEVELOPMENT_WEBHOOK_SECRET}  # noqa: F405
