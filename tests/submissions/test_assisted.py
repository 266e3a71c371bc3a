"""Assisted filing: the clerk files with the citizen's own account once the citizen reads out the code sent to it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from motcua.notifications.models import Notification
from motcua.submissions.lifecycle import SubmissionStatus
from motcua.submissions.models import AssistConsent, OnlineSubmission

from .conftest import APPLICANT, APPLICANT_DATA


def _ask(client, world) -> tuple[AssistConsent, str]:
    client.force_login(world.clerk)
    response = client.post(reverse("submissions:assist_start"), {"id_number": APPLICANT})
    assert response.status_code == 302
    consent = AssistConsent.objects.latest("pk")
    sms = Notification.objects.get(subject_ref=consent.reference[:80], channel="sms")
    code = re.search(r"\b(\d{6})\b", sms.body)
    assert code is not None
    return consent, code.group(1)


def _confirm(client, consent, code):
    return client.post(reverse("submissions:assist_consent", args=[consent.reference]), {"code": code})


def test_clerk_files_for_the_citizen_with_their_consent(client, online, account):
    consent, code = _ask(client, online)
    assert consent.owner == account and consent.clerk == online.clerk
    assert _confirm(client, consent, code).status_code == 302
    consent.refresh_from_db()
    assert consent.confirmed_at is not None
    response = client.post(
        reverse("submissions:assist_begin", args=[consent.reference, online.version.procedure.national_code])
    )
    assert response.status_code == 302
    submission = OnlineSubmission.objects.get(consent=consent)
    assert submission.owner == account and submission.helper == online.clerk
    step = reverse("submissions:assist_step", args=[submission.reference, "nguoi-nop"])
    assert client.post(step, APPLICANT_DATA).status_code == 302
    submission.refresh_from_db()
    assert submission.form_data["applicant_address"] == "12 Trần Phú"
    # The citizen sees it among their own.
    client.force_login(account.user)
    assert submission.reference in client.get(reverse("submissions:list")).content.decode()


def test_a_wrong_code_is_counted_and_five_lock_the_request(client, online, account):
    consent, code = _ask(client, online)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        assert _confirm(client, consent, wrong).status_code == 200
    consent.refresh_from_db()
    assert consent.attempts == 4 and consent.locked_at is None
    _confirm(client, consent, wrong)
    consent.refresh_from_db()
    assert consent.locked_at is not None
    _confirm(client, consent, code)  # even the right code, now
    consent.refresh_from_db()
    assert consent.confirmed_at is None


def test_an_expired_code_is_refused(client, online, account):
    consent, code = _ask(client, online)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = _confirm(client, consent, code)
    assert response.status_code == 200
    consent.refresh_from_db()
    assert consent.confirmed_at is None


def test_a_person_without_an_account_is_sent_to_sign_in_first(client, online, db):
    client.force_login(online.clerk)
    response = client.post(reverse("submissions:assist_start"), {"id_number": "042195009999"})
    assert response.status_code == 200
    assert not AssistConsent.objects.exists()
    assert "sign in" in response.content.decode() or "đăng nhập" in response.content.decode()


def test_without_consent_the_clerk_cannot_open_the_citizens_submission(client, online, account, citizen):
    from .conftest import start

    submission = start(citizen, online)
    client.force_login(online.clerk)
    assert client.get(reverse("submissions:assist_step", args=[submission.reference, "nguoi-nop"])).status_code == 404
    assert submission.status == SubmissionStatus.DRAFT


@pytest.mark.parametrize("other", ["other_clerk"])
def test_another_clerk_cannot_use_the_consent(client, online, account, other):
    consent, code = _ask(client, online)
    client.force_login(getattr(online, other))
    assert _confirm(client, consent, code).status_code == 404
