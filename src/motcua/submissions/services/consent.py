"""Assisted filing: a postal clerk files online for a citizen, with the citizen's own account and consent
(docs/submissions.md, "Assisted filing"). The consent is a one-time code sent to the phone and e-mail of the
citizen's account, which the citizen reads out to the clerk: it proves the account's holder is there and agrees."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.citizens.models import CitizenAccount
from motcua.core.errors import ApplicationError

from .. import errors
from ..conf import setting
from ..models import AssistConsent
from ..notify import consent_code_send

CODE_DIGITS = 6


def _digest(consent_reference: str, code: str) -> str:
    key = f"motcua.submissions.consent:{settings.SECRET_KEY}".encode()
    return hmac.new(key, f"{consent_reference}:{code}".encode(), hashlib.sha256).hexdigest()


def _masked(account: CitizenAccount) -> str:
    shown = []
    if account.phone:
        shown.append(f"…{account.phone[-3:]}")
    if account.email:
        name, _at, domain = account.email.partition("@")
        shown.append(f"{name[:1]}…@{domain}")
    return ", ".join(shown)


@transaction.atomic
def consent_request(*, clerk: Any, id_number: str, point: ReceivingPoint | None) -> AssistConsent:
    """Send a one-time code to the citizen whose account has ``id_number``. A person without an account is not
    helped by creating one: the clerk is told to help them sign in first."""
    account = CitizenAccount.objects.filter(owner_number=id_number).first()
    if account is None:
        raise errors.consent_no_account()
    if not (account.phone or account.email):
        raise errors.consent_no_contact()
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    consent = AssistConsent(
        owner=account,
        clerk=clerk,
        receiving_point=point,
        sent_to=_masked(account),
        expires_at=timezone.now() + timedelta(minutes=setting("SUBMISSION_CONSENT_CODE_MINUTES")),
    )
    consent.code_digest = _digest(consent.reference, code)
    consent.save()
    consent_code_send(consent=consent, code=code)
    return consent


def consent_confirm(*, consent: AssistConsent, clerk: Any, code: str) -> AssistConsent:
    """Record the consent when ``code`` is the one sent. A wrong code is counted (and kept counted: the count is
    written before the refusal is raised); after ``SUBMISSION_CONSENT_MAX_ATTEMPTS`` the request is locked."""
    refusal: ApplicationError | None = None
    with transaction.atomic():
        consent = AssistConsent.objects.select_for_update().get(pk=consent.pk)
        now = timezone.now()
        limit = setting("SUBMISSION_CONSENT_MAX_ATTEMPTS")
        if consent.clerk_id != getattr(clerk, "pk", None):
            refusal = errors.consent_not_valid()
        elif consent.confirmed_at is not None:
            return consent
        elif consent.locked_at is not None:
            refusal = errors.consent_locked()
        elif consent.expires_at <= now:
            refusal = errors.consent_code_expired()
        elif not hmac.compare_digest(consent.code_digest, _digest(consent.reference, code.strip())):
            consent.attempts += 1
            if consent.attempts >= limit:
                consent.locked_at = now
                refusal = errors.consent_locked()
            else:
                refusal = errors.consent_code_wrong(left=limit - consent.attempts)
            consent.save(update_fields=["attempts", "locked_at"])
        else:
            consent.confirmed_at = now
            consent.save(update_fields=["confirmed_at"])
    if refusal is not None:
        raise refusal
    return consent


def consent_valid(*, consent: AssistConsent | None, clerk: Any) -> bool:
    """Whether ``clerk`` may still fill in under this consent: given to them, and not longer ago than the window."""
    if consent is None or consent.confirmed_at is None or consent.clerk_id != getattr(clerk, "pk", None):
        return False
    window = timedelta(minutes=setting("SUBMISSION_ASSIST_WINDOW_MINUTES"))
    return timezone.now() < consent.confirmed_at + window
