"""Delivering the outbox: handlers by topic, retries after failures, at most one dispatcher per message."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection

from motcua.dossiers import outbox
from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.outbox import HandlerRegistry, OutboxHandler, outbox_dispatch, outbox_kick

pytestmark = pytest.mark.django_db


class Recorder(OutboxHandler):
    """Keeps the keys it handled, as an idempotent consumer would; optionally fails the first N calls."""

    def __init__(self, *, fail_first: int = 0, pause: float = 0.0) -> None:
        self.calls: list[str] = []
        self.handled: Counter[str] = Counter()
        self.fail_first, self.pause = fail_first, pause
        self.lock = threading.Lock()

    def handle(self, message: OutboxMessage) -> None:
        with self.lock:
            self.calls.append(message.key)
            if len(self.calls) <= self.fail_first:
                raise ConnectionError("gateway unreachable")
            self.handled[message.key] += 1
        if self.pause:
            time.sleep(self.pause)


def _registry(pattern: str, handler: OutboxHandler) -> HandlerRegistry:
    registry = HandlerRegistry()
    registry.add(pattern, handler)
    return registry


def _messages(count: int, topic: str = "dossier.receive") -> list[OutboxMessage]:
    return OutboxMessage.objects.bulk_create(
        OutboxMessage(key=f"test:{n}", topic=topic, payload={"n": n}) for n in range(count)
    )


def test_handlers_are_chosen_by_topic_pattern():
    every, dossiers, overdue = Recorder(), Recorder(), Recorder()
    registry = HandlerRegistry()
    registry.add("*", every)
    registry.add("dossier.*", dossiers)
    registry.add("dossier.overdue", overdue)
    assert registry.for_topic("dossier.overdue") == [every, dossiers, overdue]
    assert registry.for_topic("dossier.receive") == [every, dossiers]
    assert registry.for_topic("delivery.picked_up") == [every]
    assert len(registry) == 3


def test_the_built_in_registry_logs_every_topic_offline(caplog):
    handlers = outbox.outbox_handlers.for_topic("anything.at_all")
    assert any(isinstance(h, outbox.LogHandler) for h in handlers)
    OutboxMessage.objects.create(key="log:1", topic="dossier.receive", payload={"code": "H30.X01-261125-0001"})
    with caplog.at_level(logging.INFO, logger="motcua.outbox"):
        assert outbox_dispatch() == 1
    assert "dossier.receive log:1" in caplog.text
    assert "H30.X01-261125-0001" in caplog.text


def test_a_dispatch_delivers_each_waiting_message_and_marks_it():
    _messages(3)
    recorder = Recorder()
    assert outbox_dispatch(registry=_registry("dossier.*", recorder)) == 3
    assert recorder.calls == ["test:0", "test:1", "test:2"]
    assert list(OutboxMessage.objects.values_list("attempts", "last_error")) == [(1, "")] * 3
    assert not OutboxMessage.objects.filter(dispatched_at__isnull=True).exists()
    assert outbox_dispatch(registry=_registry("dossier.*", recorder)) == 0
    assert len(recorder.calls) == 3


def test_a_failing_handler_leaves_the_message_for_a_retry_and_the_rerun_delivers_it_once():
    """GIVEN a handler that fails once WHEN the outbox is dispatched three times THEN the first run
    records the attempt and the error, the second delivers, the third finds nothing."""
    (message,) = _messages(1)
    recorder = Recorder(fail_first=1)
    registry = _registry("*", recorder)
    assert outbox_dispatch(registry=registry) == 0
    message.refresh_from_db()
    assert (message.dispatched_at, message.attempts) == (None, 1)
    assert message.last_error == "ConnectionError: gateway unreachable"
    assert outbox_dispatch(registry=registry) == 1
    message.refresh_from_db()
    assert message.dispatched_at is not None
    assert (message.attempts, message.last_error) == (2, "")
    assert outbox_dispatch(registry=registry) == 0
    assert recorder.handled == {"test:0": 1}


def test_a_handler_breaking_the_database_does_not_lose_the_rest_of_the_batch():
    _messages(3)

    class Breaks(OutboxHandler):
        def handle(self, message):
            if message.key == "test:1":
                OutboxMessage.objects.create(key="test:0", topic="x", payload={})  # duplicate key

    assert outbox_dispatch(registry=_registry("*", Breaks())) == 2
    failed = OutboxMessage.objects.get(key="test:1")
    assert failed.dispatched_at is None
    assert failed.last_error.startswith(IntegrityError.__name__)


def test_fresh_messages_go_before_ones_that_keep_failing_and_hopeless_ones_are_left_alone():
    old, fresh, hopeless = _messages(3)
    OutboxMessage.objects.filter(pk=old.pk).update(attempts=3)
    OutboxMessage.objects.filter(pk=hopeless.pk).update(attempts=outbox.MAX_ATTEMPTS)
    recorder = Recorder()
    assert outbox_dispatch(batch=1, registry=_registry("*", recorder)) == 1
    assert recorder.calls == [fresh.key]
    assert outbox_dispatch(batch=10, registry=_registry("*", recorder)) == 1
    assert recorder.calls == [fresh.key, old.key]
    assert OutboxMessage.objects.get(pk=hopeless.pk).dispatched_at is None


def test_the_batch_size_bounds_one_dispatch():
    _messages(5)
    recorder = Recorder()
    assert outbox_dispatch(batch=2, registry=_registry("*", recorder)) == 2
    assert OutboxMessage.objects.filter(dispatched_at__isnull=True).count() == 3


def test_a_kick_delivers_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _messages(2)
        outbox_kick()
    assert OutboxMessage.objects.filter(dispatched_at__isnull=True).count() == 2  # nothing before the commit
    for callback in callbacks:
        callback()
    assert not OutboxMessage.objects.filter(dispatched_at__isnull=True).exists()


def test_the_command_delivers_and_reports_what_is_left():
    _messages(3)
    OutboxMessage.objects.filter(key="test:2").update(attempts=outbox.MAX_ATTEMPTS)
    out = StringIO()
    call_command("outbox_dispatch", "--batch", "1", stdout=out)
    assert out.getvalue().strip() == "delivered=2 waiting=1"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_on_postgresql_never_deliver_the_same_message_twice():
    """GIVEN 200 messages and a slow handler WHEN two dispatchers run at once THEN every message is
    delivered exactly once, and both dispatchers took part (they skipped each other's locked rows)."""
    _messages(200)
    recorder = Recorder(pause=0.002)
    registry = _registry("*", recorder)
    start = threading.Barrier(2)
    delivered = [0, 0]
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait()
            while (count := outbox_dispatch(batch=10, registry=registry)) > 0:
                delivered[index] += count
        except BaseException as exc:  # surfaced below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sum(delivered) == 200
    assert all(n > 0 for n in delivered), delivered
    assert len(recorder.handled) == 200
    assert max(recorder.handled.values()) == 1
    assert not OutboxMessage.objects.filter(dispatched_at__isnull=True).exists()
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}


def test_a_dossiers_events_are_delivered_once_its_transaction_commits(world, django_capture_on_commit_callbacks):
    """No beat in the embedded tier: the change that writes an event asks for its delivery on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        dossier = world.receive()
    message = OutboxMessage.objects.get(key=f"dossier:{dossier.pk}:1")
    assert message.dispatched_at is not None
