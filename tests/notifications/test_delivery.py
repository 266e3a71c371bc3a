"""Delivery: preferences respected, no message for training dossiers, idempotent on redelivery, a provider that is
down delays and then sends exactly once, e-mail lands in the file backend."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import outbox_dispatch
from motcua.notifications.models import ContactPreference, Notification, NotificationStatus, SimulatedMessage
from motcua.notifications.services import notification_send, notifications_plan, notifications_send_due

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db


def test_a_channel_turned_off_is_skipped_and_logged(world, deliver):
    ContactPreference.objects.create(contact="0912345678", sms_off=True)
    dossier = world.receive(applicant=APPLICANT)
    deliver()
    by_channel = {n.channel: n for n in Notification.objects.filter(dossier=dossier)}
    assert by_channel["sms"].status == NotificationStatus.SKIPPED
    assert by_channel["sms"].skip_reason == "opted_out"
    assert by_channel["zalo"].status == NotificationStatus.SENT  # only the SMS was turned off
    assert not SimulatedMessage.objects.filter(channel="sms").exists()
    assert SimulatedMessage.objects.filter(channel="zalo").count() == 1


def test_no_address_no_message(world, deliver):
    from dataclasses import replace

    dossier = world.receive(applicant=replace(APPLICANT, email=""))
    deliver()
    email = Notification.objects.get(dossier=dossier, channel="email")
    assert (email.status, email.skip_reason, email.body) == (NotificationStatus.SKIPPED, "no_address", "")


def test_a_channel_left_out_of_the_settings_makes_nothing(world, deliver, settings):
    settings.NOTIFY_CHANNELS = ["email"]
    dossier = world.receive(applicant=APPLICANT)
    deliver()
    assert list(Notification.objects.filter(dossier=dossier).values_list("channel", flat=True)) == ["email"]


def test_a_training_dossier_gets_no_message(world, deliver):
    world.office.is_training = True
    world.office.save(update_fields=["is_training"])
    dossier = world.receive(applicant=APPLICANT)
    deliver()
    # the engine writes no outbox message for practice, and even a message naming it makes no notification
    assert notifications_plan(key="forged:1", topic="dossier.receive", payload={"code": dossier.code, "seq": 1}) == []
    assert not Notification.objects.exists()
    assert not SimulatedMessage.objects.exists()


def test_a_redelivered_outbox_message_makes_no_second_notification(received, deliver):
    deliver()
    message = OutboxMessage.objects.get(topic="dossier.receive")
    OutboxMessage.objects.filter(pk=message.pk).update(dispatched_at=None)  # the outbox delivers it again
    assert outbox_dispatch() >= 1
    notifications_send_due()
    assert Notification.objects.filter(dossier=received).count() == 3
    assert SimulatedMessage.objects.count() == 2  # one SMS, one Zalo


def test_a_provider_down_delays_then_sends_exactly_once(received, deliver, settings):
    settings.NOTIFY_SIMULATED_DOWN = ["sms"]
    deliver()
    sms = Notification.objects.get(dossier=received, channel="sms")
    assert sms.status == NotificationStatus.QUEUED and sms.attempts == 1
    assert "cannot be reached" in sms.last_error
    assert sms.next_attempt_at > timezone.now()
    assert Notification.objects.get(dossier=received, channel="zalo").status == NotificationStatus.SENT

    # still down at the next attempt: the wait doubles
    later = sms.next_attempt_at
    assert notifications_send_due(now=later) == {"queued": 1}
    sms.refresh_from_db()
    assert sms.attempts == 2
    assert sms.next_attempt_at - later == timedelta(seconds=2 * settings.NOTIFY_RETRY_SECONDS)

    # the provider is back: sent once, and sending again (a second sweep, a duplicate task) sends nothing
    settings.NOTIFY_SIMULATED_DOWN = []
    assert notifications_send_due(now=sms.next_attempt_at) == {"sent": 1}
    assert notification_send(notification_id=sms.pk) == "sent"
    assert notifications_send_due(now=sms.next_attempt_at + timedelta(days=2)) == {}
    sms.refresh_from_db()
    assert (sms.status, sms.attempts, sms.last_error) == (NotificationStatus.SENT, 3, "")
    assert SimulatedMessage.objects.filter(channel="sms").count() == 1
    assert sms.provider == "simulated" and sms.provider_reference.startswith("SIM-SMS-")


def test_a_notification_not_yet_due_is_not_sent(received, deliver, settings):
    settings.NOTIFY_SIMULATED_DOWN = ["zalo"]
    deliver()
    settings.NOTIFY_SIMULATED_DOWN = []
    zalo = Notification.objects.get(dossier=received, channel="zalo")
    assert notification_send(notification_id=zalo.pk) == "queued"  # its next attempt is later
    assert not SimulatedMessage.objects.filter(channel="zalo").exists()


def test_after_the_last_attempt_it_is_failed(received, deliver, settings):
    settings.NOTIFY_SIMULATED_DOWN = ["sms"]
    settings.NOTIFY_MAX_ATTEMPTS = 2
    deliver()
    sms = Notification.objects.get(dossier=received, channel="sms")
    notifications_send_due(now=sms.next_attempt_at)
    sms.refresh_from_db()
    assert (sms.status, sms.attempts, sms.next_attempt_at) == (NotificationStatus.FAILED, 2, None)


def test_the_command_sends_what_is_due(received, settings, capsys):
    outbox_dispatch()
    call_command("notifications_send")
    assert "sent: 3" in capsys.readouterr().out
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == 3


def test_the_email_lands_in_the_file_backend(received, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.NOTIFY_CHANNELS = ["email"]
    outbox_dispatch()
    notifications_send_due()
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    text = files[0].read_text("utf-8")
    assert "To: an.nguyen@example.vn" in text
    assert "Message-ID: <" in text
    assert received.code in text
