"""Two senders at the same instant (beat and cron, two workers) send a notification once (PostgreSQL row locks)."""

from __future__ import annotations

import pytest

from motcua.dossiers.outbox import outbox_dispatch
from motcua.notifications.models import Notification, NotificationStatus, SimulatedMessage
from motcua.notifications.services import notification_send, notifications_send_due
from tests.concurrency import failures, run_together

from .conftest import APPLICANT

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_send_on_commit(monkeypatch):
    """The rows are made but not sent when their transaction commits: the senders below race for them."""
    monkeypatch.setattr("motcua.notifications.services._enqueue_due", lambda: None)


def test_two_sweeps_at_once_send_each_notification_once(world):
    world.receive(applicant=APPLICANT)
    outbox_dispatch()
    assert Notification.objects.filter(status=NotificationStatus.QUEUED).count() == 3
    results = run_together(notifications_send_due, notifications_send_due, notifications_send_due)
    assert failures(results) == []
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == 3
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}
    assert SimulatedMessage.objects.count() == 2


def test_one_notification_sent_by_two_workers_goes_once(world):
    world.receive(applicant=APPLICANT)
    outbox_dispatch()
    sms = Notification.objects.get(channel="sms", status=NotificationStatus.QUEUED)
    results = run_together(*(lambda: notification_send(notification_id=sms.pk) for _ in range(4)))
    assert results == ["sent"] * 4
    sms.refresh_from_db()
    assert sms.attempts == 1
    assert SimulatedMessage.objects.filter(channel="sms").count() == 1
