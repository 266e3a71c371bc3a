"""Push, end to end against the simulated portal on a free port: each status once and in order, a portal that is
down then up, a malformed record refused with its reason and retried, a redelivered outbox message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import outbox_dispatch
from motcua.national.adapters import adapter_for
from motcua.national.handlers import NationalPortalHandler
from motcua.national.models import Delivery, DeliveryStatus
from motcua.national.services import delivery_backoff, delivery_push_due, delivery_retry
from motcua.national.tasks import national_push_task
from motcua.procedures.models import Procedure
from tests.dossiers.transitions_support import perform, reach

pytestmark = pytest.mark.django_db


def _returned(world):
    """Received, transferred, processed, approved, sent to the counter and returned."""
    dossier = reach(world, Status.RESULT_AT_COUNTER)
    return perform(world, dossier, Action.RETURN_RESULT)


def _held_statuses(portal, code):
    return [(r["record"]["SoThuTu"], r["record"]["TrangThaiHoSo"]) for r in portal.store.records(code=code)]


def test_every_status_of_a_dossier_reaches_the_portal_once_and_in_order(world, portal):
    dossier = _returned(world)
    outbox_dispatch()
    report = delivery_push_due(now=timezone.now())

    events = list(dossier.events.order_by("seq"))
    held = _held_statuses(portal, dossier.code)
    assert held == [
        (e.seq, r)
        for e, r in zip(events, [d.national_status for d in Delivery.objects.filter(dossier=dossier)], strict=True)
    ]
    assert (held[0][1], held[-1][1]) == (2, 10)
    assert [seq for seq, _ in held] == sorted(seq for seq, _ in held) == [e.seq for e in events]
    assert report.accepted == len(events) and report.failed == report.rejected == 0
    assert not Delivery.objects.exclude(status=DeliveryStatus.ACCEPTED).exists()

    # Running again sends nothing more: the portal still holds each status once.
    assert delivery_push_due(now=timezone.now() + timedelta(days=1)).accepted == 0
    assert len(portal.store.records(code=dossier.code)) == len(events)


def test_a_redelivered_outbox_message_makes_no_second_delivery(world, portal):
    dossier = world.receive()
    outbox_dispatch()
    message = OutboxMessage.objects.get(topic="dossier.receive", payload__code=dossier.code)
    NationalPortalHandler().handle(message)  # the outbox delivers at least once: here, twice
    NationalPortalHandler().handle(message)
    assert Delivery.objects.filter(dossier=dossier).count() == 1
    delivery_push_due(now=timezone.now())
    assert _held_statuses(portal, dossier.code) == [(1, 2)]


def test_a_lost_answer_sent_again_is_kept_once_by_its_idempotency_key(world, portal):
    dossier = world.receive()
    outbox_dispatch()
    delivery = Delivery.objects.get(dossier=dossier)
    adapter = adapter_for()
    first = adapter.send(record=delivery.record, idempotency_key=delivery.idempotency_key)
    again = adapter.send(record=delivery.record, idempotency_key=delivery.idempotency_key)
    assert first.accepted and again.accepted
    assert len(portal.store.records(code=dossier.code)) == 1


def test_a_portal_down_for_a_while_gets_everything_once_it_is_up_with_backoff(world, portal, settings):
    settings.NATIONAL_PORTAL_BACKOFF_SECONDS = 60
    dossier = perform(world, world.receive(), Action.TRANSFER)
    outbox_dispatch()
    t0 = timezone.now()
    portal.down = True

    report = delivery_push_due(now=t0)
    first, second = Delivery.objects.filter(dossier=dossier).order_by("seq")
    assert (report.failed, report.accepted) == (1, 0)  # the later status waits for the earlier one
    assert (first.attempts, second.attempts) == (1, 0)
    assert first.next_attempt_at == t0 + timedelta(seconds=60)
    assert "ConnectionError" in first.last_error

    assert delivery_push_due(now=t0 + timedelta(seconds=30)) == type(report)()  # not due yet: nothing tried
    delivery_push_due(now=t0 + timedelta(seconds=60))
    first.refresh_from_db()
    assert (first.attempts, first.next_attempt_at) == (2, t0 + timedelta(seconds=180))  # the wait doubled

    portal.down = False
    report = delivery_push_due(now=t0 + timedelta(seconds=180))
    assert report.accepted == 2
    assert _held_statuses(portal, dossier.code) == [(1, 2), (2, 4)]


def test_a_portal_answering_500_is_tried_again_later_not_given_up(world, portal):
    world.receive()
    outbox_dispatch()
    portal.fail_rate = 1.0
    report = delivery_push_due(now=timezone.now())
    delivery = Delivery.objects.get()
    assert (report.failed, delivery.status) == (1, DeliveryStatus.PENDING)
    assert "simulated failure" in delivery.last_error


def test_the_backoff_doubles_and_stops_at_the_ceiling(settings):
    settings.NATIONAL_PORTAL_BACKOFF_SECONDS = 10
    settings.NATIONAL_PORTAL_BACKOFF_MAX_SECONDS = 100
    assert [delivery_backoff(attempts=n).total_seconds() for n in (1, 2, 3, 4, 5, 500)] == [10, 20, 40, 80, 100, 100]


def test_a_malformed_record_is_refused_with_its_reason_holds_the_rest_and_is_retried(world, portal):
    procedure = world.version.procedure
    code = procedure.national_code
    Procedure.objects.filter(pk=procedure.pk).update(national_code="")
    dossier = perform(world, world.receive(), Action.TRANSFER)
    outbox_dispatch()

    report = delivery_push_due(now=timezone.now())
    first, second = Delivery.objects.filter(dossier=dossier).order_by("seq")
    assert (report.rejected, first.status, second.status) == (1, DeliveryStatus.REJECTED, DeliveryStatus.PENDING)
    assert "MaTTHC: required text" in first.last_error
    assert portal.store.records(code=dossier.code) == []

    Procedure.objects.filter(pk=procedure.pk).update(national_code=code)
    delivery_retry(delivery=first)
    first.refresh_from_db()
    assert (first.status, first.record["MaTTHC"]) == (DeliveryStatus.PENDING, code)
    assert delivery_push_due(now=timezone.now()).accepted == 2
    assert _held_statuses(portal, dossier.code) == [(1, 2), (2, 4)]


def test_the_log_adapter_is_the_default_and_accepts_everything(world, settings):
    assert settings.NATIONAL_PORTAL_ADAPTER == "log"
    world.receive()
    outbox_dispatch()
    assert national_push_task(now=timezone.now().isoformat()) == {"accepted": 1, "rejected": 0, "failed": 0}
    assert Delivery.objects.get().status == DeliveryStatus.ACCEPTED


def test_a_training_dossier_sends_nothing(world):
    world.office.is_training = True
    world.office.save(update_fields=["is_training"])
    world.receive()
    outbox_dispatch()
    assert not Delivery.objects.exists()
