"""The staff's delivery log (scoped like the desk), the dossier panel, a supervisor's "send again", and the public
preferences page with bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.audit.models import AuditEvent
from motcua.notifications.contacts import preference_token
from motcua.notifications.models import ContactPreference, Notification, NotificationStatus
from motcua.notifications.services import notifications_send_due

LOG = "/giam-sat/thong-bao/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(received, deliver, settings):
    """The SMS of the reception, failed after its only attempt (the provider was down)."""
    settings.NOTIFY_SIMULATED_DOWN = ["sms"]
    settings.NOTIFY_MAX_ATTEMPTS = 1
    deliver()
    settings.NOTIFY_SIMULATED_DOWN = []
    return Notification.objects.get(dossier=received, channel="sms", status=NotificationStatus.FAILED)


def test_the_clerk_of_the_point_reads_the_log(client, world, received, failed):
    client.force_login(world.clerk)
    response = client.get(LOG)
    assert response.status_code == 200
    text = response.content.decode()
    assert received.code in text and "0912***678" in text and "0912345678" not in text
    assert "Gửi lại" not in text  # a clerk reads; only a supervisor sends again


def test_another_points_clerk_sees_nothing_of_it(client, world, received, failed):
    client.force_login(world.other_clerk)
    response = client.get(LOG, {"ma": received.code})
    assert response.status_code == 200
    assert "data-channel=" not in response.content.decode()
    assert "data-channel=" not in client.get(LOG).content.decode()
    retry = client.post(reverse("notifications:retry", args=[failed.pk]))
    assert retry.status_code == 403  # not a supervisor at all
    failed.refresh_from_db()
    assert failed.status == NotificationStatus.FAILED


def test_an_agency_specialist_may_not_open_the_log(client, world, received):
    client.force_login(world.specialist)
    assert client.get(LOG).status_code == 403


def test_the_log_filters_by_channel_and_status(client, world, received, failed):
    client.force_login(world.clerk)
    text = client.get(LOG, {"kenh": "sms", "trang_thai": "failed"}).content.decode()
    assert 'data-channel="sms"' in text and 'data-channel="zalo"' not in text
    text = client.get(LOG, {"kenh": "zalo", "trang_thai": "failed"}).content.decode()
    assert "data-channel=" not in text


@pytest.mark.parametrize(
    "query",
    [
        {"kenh": "fax"},
        {"trang_thai": "x" * 5000},
        {"ma": "a\x00b"},
        {"trang": "99999999999999999999"},
        {"ma": "x" * 500},
    ],
)
def test_bad_filters_are_no_server_error(client, world, received, query):
    client.force_login(world.clerk)
    assert client.get(LOG, query).status_code < 500


def test_a_supervisor_sends_a_failed_one_again(client, world, received, failed):
    client.force_login(world.onestop)
    page = client.get(LOG).content.decode()
    assert reverse("notifications:retry", args=[failed.pk]) in page
    response = client.post(reverse("notifications:retry", args=[failed.pk]), {"next": "//evil.example/"})
    assert response.status_code == 302 and response["Location"] == LOG
    failed.refresh_from_db()
    assert failed.status == NotificationStatus.QUEUED
    assert failed.retried_by == world.onestop and failed.retried_at is not None
    assert AuditEvent.objects.filter(action="notification.retry", object_id=str(failed.pk)).exists()
    notifications_send_due()
    failed.refresh_from_db()
    assert failed.status == NotificationStatus.SENT
    # a sent one cannot be sent again: a clear refusal, no change
    client.post(reverse("notifications:retry", args=[failed.pk]))
    failed.refresh_from_db()
    assert failed.attempts == 2


def test_a_supervisor_outside_the_scope_gets_404(client, world, received, failed):
    from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, Role, StaffAssignment
    from tests.factories import UserFactory

    far = Agency.objects.create(
        code="H99",
        name="UBND xa khac",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=AgencyLevel.PROVINCE,
        province=world.province,
    )
    stranger = UserFactory()
    StaffAssignment.objects.create(user=stranger, role=Role.ONE_STOP_SUPERVISOR, agency=far)
    client.force_login(stranger)
    assert client.post(reverse("notifications:retry", args=[failed.pk])).status_code == 404
    assert "data-channel=" not in client.get(LOG).content.decode()


def test_the_dossier_page_lists_its_notifications(client, world, received, failed):
    client.force_login(world.clerk)
    text = client.get(reverse("desk:dossier", args=[received.code])).content.decode()
    assert 'id="notifications"' in text
    assert text.count('data-status="failed"') == 1 and text.count('data-status="sent"') == 2


# --- the public preferences page ----------------------------------------------------------------------------


def test_the_signed_link_changes_the_choices(client, world, received, deliver):
    deliver()
    sms = Notification.objects.get(dossier=received, channel="sms")
    link = sms.body.splitlines()[-1]
    path = link[link.index("/thong-bao/") :]
    page = client.get(path)
    assert page.status_code == 200
    assert "0912***678" in page.content.decode()
    response = client.post(path, {"channels": ["email"], "language": "en"})
    assert response.status_code == 302
    preference = ContactPreference.objects.get(contact="0912345678")
    assert (preference.sms_off, preference.zalo_off, preference.email_off, preference.language) == (
        True,
        True,
        False,
        "en",
    )


def test_the_same_phone_written_otherwise_is_one_contact(client, db):
    client.post(reverse("notifications:preferences", args=[preference_token("+84 912 345 678")]), {"language": "vi"})
    assert ContactPreference.objects.get().contact == "0912345678"


@pytest.mark.parametrize(
    "token",
    [
        preference_token("0912345678")[:-2] + "xx",  # forged signature
        "IjA5MTIzNDU2NzgiOmFiYw",
        "a" * 5000,
        "abc:def:ghi",
    ],
    ids=["forged", "unsigned", "too-long", "garbage"],  # the forged token differs by the second: xdist needs ids
)
def test_a_bad_link_is_a_clear_400(client, db, token):
    response = client.get(f"/thong-bao/tuy-chon/{token}/")
    assert response.status_code == 400
    text = response.content.decode()
    assert "không hợp lệ" in text and "not valid" in text
    assert not ContactPreference.objects.exists()


def test_a_nul_byte_in_the_link_is_refused_without_error(client, db):
    assert client.get("/thong-bao/tuy-chon/%00/").status_code == 400


@pytest.mark.parametrize(
    "data",
    [{"channels": ["fax"], "language": "vi"}, {"language": "xx"}, {"language": "v\x00i"}, {"channels": "\x00"}],
)
def test_bad_choices_are_refused_without_error(client, db, data):
    path = reverse("notifications:preferences", args=[preference_token("an@example.vn")])
    response = client.post(path, data)
    assert response.status_code in (200, 400)  # the form again with its error, or the input guard's refusal
    assert not ContactPreference.objects.exists()
