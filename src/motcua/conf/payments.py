"""Settings of the payments app (docs/payments.md). Part of the base settings: ``motcua.conf.base`` imports
everything here.

The built-in simulated gateway signs with a secret published in the repository, so it is for the dev and test
settings only: :func:`payment_forgery_risks` says what a deployment must not run with, the ``check --deploy``
of the payments app (``motcua.payments.checks``) reports it.
"""

from .env import config

# Published in the repository, so anyone could sign gateway notifications with it: development and tests only.
DEVELOPMENT_PAYMENT_SECRET = "motcua-dev-simulated-payment-gateway"  # noqa: S105 - a published development value

PAYMENT_PROVIDER = config(
    "PAYMENT_PROVIDER",
    default="simulated",
    help="The payment gateway applicants pay through (a code of the provider registry, `motcua.payments."
    "providers`). `simulated` is the built-in gateway with its own pages inside motcua; refused in production.",
    group="Payments",
)
PAYMENT_SIMULATOR_SECRET = config(
    "PAYMENT_SIMULATOR_SECRET",
    default=DEVELOPMENT_PAYMENT_SECRET,
    help="The secret of the simulated gateway's HMAC-SHA512 signatures. The default is published in the "
    "repository: `check --deploy` refuses it.",
    group="Payments",
    shown_default="(a published development value)",
)
PAYMENT_LINK_MAX_AGE_DAYS = config(
    "PAYMENT_LINK_MAX_AGE_DAYS",
    default=30,
    cast=int,
    help="How many days a signed payment link sent to an applicant stays valid.",
    group="Payments",
)
PAYMENT_RECONCILE_AFTER_MINUTES = config(
    "PAYMENT_RECONCILE_AFTER_MINUTES",
    default=15,
    cast=int,
    help="`manage.py payments_reconcile` asks the gateway about payments still pending this many minutes after "
    "they started (their notification may have been lost).",
    group="Payments",
)
PAYMENT_EXPIRE_AFTER_MINUTES = config(
    "PAYMENT_EXPIRE_AFTER_MINUTES",
    default=60,
    cast=int,
    help="A payment the gateway still has no outcome for this many minutes after it started is marked expired "
    "by the reconciliation (VNPay's own payment links expire after 15 minutes by default).",
    group="Payments",
)


def payment_forgery_risks(*, provider: str, secret: str) -> list[str]:
    """Why these settings would let anyone forge a payment; empty when they would not."""
    problems = []
    if provider == "simulated":
        problems.append("PAYMENT_PROVIDER is `simulated`: the built-in gateway takes no money.")
    if secret == DEVELOPMENT_PAYMENT_SECRET:
        problems.append("PAYMENT_SIMULATOR_SECRET is the published development secret.")
    return problems
