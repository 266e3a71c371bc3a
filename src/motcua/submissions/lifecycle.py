"""The lifecycle of an online submission, as data (docs/submissions.md, "Lifecycle").

draft → submitted → (supplement_requested → submitted again) → accepted (a dossier is registered) | refused.
The citizen (or the clerk helping them, with their consent) edits and submits; a clerk who may receive at the
submission's receiving point decides.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted, waiting for the one-stop")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("supplement requested")
    ACCEPTED = "accepted", _("accepted")
    REFUSED = "refused", _("refused")


class SubmissionAction(models.TextChoices):
    START = "start", _("started")
    SUBMIT = "submit", _("submitted")
    ACCEPT = "accept", _("accepted")
    REQUEST_SUPPLEMENT = "request_supplement", _("supplement requested")
    REFUSE = "refuse", _("refused")


class Who(models.TextChoices):
    FILER = "filer", _("the applicant, or the clerk helping them")
    RECEIVER = "receiver", _("a clerk who may receive at the receiving point")


# (action, from status) → (next status, who may do it). Nothing else is a transition.
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (SubmissionAction.SUBMIT, SubmissionStatus.DRAFT): (SubmissionStatus.SUBMITTED, Who.FILER),
    (SubmissionAction.SUBMIT, SubmissionStatus.SUPPLEMENT_REQUESTED): (SubmissionStatus.SUBMITTED, Who.FILER),
    (SubmissionAction.ACCEPT, SubmissionStatus.SUBMITTED): (SubmissionStatus.ACCEPTED, Who.RECEIVER),
    (SubmissionAction.REQUEST_SUPPLEMENT, SubmissionStatus.SUBMITTED): (
        SubmissionStatus.SUPPLEMENT_REQUESTED,
        Who.RECEIVER,
    ),
    (SubmissionAction.REFUSE, SubmissionStatus.SUBMITTED): (SubmissionStatus.REFUSED, Who.RECEIVER),
}

# The filer may change the form and the papers only while the submission is theirs.
EDITABLE = frozenset({SubmissionStatus.DRAFT, SubmissionStatus.SUPPLEMENT_REQUESTED})
DECISIONS = (SubmissionAction.ACCEPT, SubmissionAction.REQUEST_SUPPLEMENT, SubmissionAction.REFUSE)


def next_status(action: str, status: str) -> str | None:
    found = TRANSITIONS.get((action, status))
    return found[0] if found else None
