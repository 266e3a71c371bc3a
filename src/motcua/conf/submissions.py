"""Settings of online submission and assisted filing (docs/submissions.md). Part of the base settings:
``motcua.conf.base`` imports everything here."""

from .env import config

SUBMISSION_CONSENT_CODE_MINUTES = config(
    "SUBMISSION_CONSENT_CODE_MINUTES",
    default=10,
    cast=int,
    help="How many minutes the one-time code a citizen receives to consent to assisted filing stays valid.",
    group="Online submissions",
)
SUBMISSION_CONSENT_MAX_ATTEMPTS = config(
    "SUBMISSION_CONSENT_MAX_ATTEMPTS",
    default=5,
    cast=int,
    help="Wrong codes typed before a consent request is locked; the clerk must ask for a new code.",
    group="Online submissions",
)
SUBMISSION_ASSIST_WINDOW_MINUTES = config(
    "SUBMISSION_ASSIST_WINDOW_MINUTES",
    default=120,
    cast=int,
    help="How long after the citizen's consent the clerk may keep filling in the citizen's submission.",
    group="Online submissions",
)
SUBMISSION_PAPERS_MAX = config(
    "SUBMISSION_PAPERS_MAX",
    default=40,
    cast=int,
    help="Papers one online submission may hold (each file is also bounded by the digitization limits: "
    "`DIGITIZATION_MAX_FILE_MB`, `DIGITIZATION_MAX_PAGES`).",
    group="Online submissions",
)
