"""What the applicant is told about their submission, on their account's own contacts (a national filing without an
account: on the contacts of the national record) (``notifications_send_to``,
event "submission"): accepted (with the receipt, slip 01, and the link to pay), a supplement asked (slip 02), refused
(slip 03), and the one-time code of assisted filing. The dossier's own status messages follow as for any dossier."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.dossiers.slips.context import public_lookup_url
from motcua.notifications.models import EventKind
from motcua.notifications.services import notifications_send_to
from motcua.payments.links import payment_link_path

from .conf import setting
from .models import AssistConsent, OnlineSubmission, SubmissionEvent


def _absolute(path: str) -> str:
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}"


def _page_url(submission: OnlineSubmission) -> str:
    """The applicant's page of the submission; for a national filing without an account, the national portal."""
    if submission.owner is None:
        return str(setting("NATIONAL_FILINGS_APPLICANT_URL"))
    return _absolute(reverse("submissions:detail", args=[submission.reference]))


def submission_notify(
    *, submission: OnlineSubmission, what: str, event: SubmissionEvent | None = None, dossier: Dossier | None = None
) -> None:
    point = submission.receiving_point
    reference = submission.reference
    context: dict[str, Any] = {
        "kind": what,
        "reference": reference,
        "name": submission.applicant_name,
        "procedure": submission.procedure_version.name,
        "point_name": point.name if point else "",
        "point_address": point.address if point else "",
        "point_phone": point.phone if point else "",
        "page_url": _page_url(submission),
        "national_code": submission.national_code,
    }
    if event is not None:
        context["items"] = event.payload.get("items") or []
        context["reason"] = event.payload.get("reasons") or ""
        context["reasons"] = [line for line in context["reason"].splitlines() if line.strip()]
        context["slip_url"] = _absolute(reverse("submissions:slip", args=[reference, event.seq]))
    if dossier is not None:
        context.update(
            code=dossier.code,
            due=timezone.localtime(dossier.appointment_at).strftime("%d/%m/%Y %H:%M"),
            amount=dossier.fees_charged,
            receipt_url=_absolute(reverse("submissions:receipt", args=[reference])),
            pay_url=_absolute(payment_link_path(code=dossier.code)) if dossier.fees_charged else "",
            lookup_url=public_lookup_url(dossier),
        )
    seq = event.seq if event is not None else what
    notifications_send_to(
        key=f"submission:{reference}:{seq}",
        event=EventKind.SUBMISSION,
        contacts=submission.contacts,
        context=context,
        topic=f"submission.{what}",
        dossier=dossier,
        subject_ref=reference,
    )


def consent_code_send(*, consent: AssistConsent, code: str) -> None:
    """The one-time code, to the account's own phone and e-mail (never to a contact the clerk types)."""
    point = consent.receiving_point
    notifications_send_to(
        key=f"submission-consent:{consent.reference}",
        event=EventKind.SUBMISSION,
        contacts={"email": consent.owner.email, "sms": consent.owner.phone},
        context={
            "kind": "consent",
            "code": code,
            "name": consent.owner.full_name,
            "clerk": consent.clerk.get_full_name() or str(consent.clerk),
            "point_name": point.name if point else "",
            "minutes": setting("SUBMISSION_CONSENT_CODE_MINUTES"),
        },
        topic="submission.consent",
        subject_ref=consent.reference[:80],
    )
