"""The audit log is append-only and hash-chained; audit_verify finds edits, insertions and deletions."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from motcua.audit.models import AuditEvent
from motcua.audit.services import audit_chain_verify, audit_event_append
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _append(n: int) -> list[AuditEvent]:
    actor = UserFactory()
    return [
        audit_event_append(action="test.event", actor=actor, object_type="t", object_id=str(i), payload={"i": i})
        for i in range(n)
    ]


def _unlocked(sql: str, params: list | None = None) -> None:
    """Run ``sql`` with the append-only guard lifted, as an attacker with database access could."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO audit_unlock (reason) VALUES ('test tampering')")
        cursor.execute(sql, params or [])
        cursor.execute("DELETE FROM audit_unlock")


def test_events_chain_from_the_genesis_and_verify_clean():
    events = _append(5)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == "0" * 64
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    report = audit_chain_verify()
    assert report.ok, report.problems
    assert report.checked == 5
    assert report.head_hash == events[-1].hash


def test_payload_with_vietnamese_text_and_decimals_round_trips_through_the_hash():
    from decimal import Decimal

    audit_event_append(action="test.vi", payload={"tên": "Đăng ký khai sinh", "phí": Decimal("8000.50")})
    assert audit_chain_verify().ok


def test_database_refuses_to_update_an_event():
    _append(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(action="forged")


def test_database_refuses_to_delete_an_event():
    _append(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).delete()


def test_an_edited_event_is_reported_by_its_sequence_number():
    _append(4)
    _unlocked("UPDATE audit_auditevent SET action = %s WHERE seq = 2", ["forged"])
    report = audit_chain_verify()
    assert not report.ok
    assert any(p.startswith("#2:") and "edited" in p for p in report.problems)
    assert not any(p.startswith(("#1:", "#3:", "#4:")) for p in report.problems)


def test_a_deleted_event_in_the_middle_is_reported():
    _append(4)
    _unlocked("DELETE FROM audit_auditevent WHERE seq = 2")
    report = audit_chain_verify()
    assert any("missing (deleted)" in p and "#3" in p for p in report.problems)
    assert any(p.startswith("#3:") and "link broken" in p for p in report.problems)


def test_deleting_the_newest_events_is_caught_against_the_chain_head():
    _append(3)
    _unlocked("DELETE FROM audit_auditevent WHERE seq = 3")
    report = audit_chain_verify()
    assert any("chain head says #3 but the log ends at #2" in p for p in report.problems)


def test_an_inserted_forged_event_is_reported():
    events = _append(2)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (seq, at, actor_id, actor_label, action, object_type, object_id, payload,"
            " prev_hash, hash) VALUES (3, %s, NULL, '', 'forged', '', '', '{}', %s, %s)",
            [events[-1].at, events[-1].hash, "f" * 64],
        )
    report = audit_chain_verify()
    assert any(p.startswith("#3:") and "edited" in p for p in report.problems)
    assert any("chain head says #2 but the log ends at #3" in p for p in report.problems)


def test_audit_verify_command_prints_ok_or_fails(capsys):
    _append(2)
    call_command("audit_verify")
    assert "OK: 2 events" in capsys.readouterr().out
    _unlocked("UPDATE audit_auditevent SET payload = %s WHERE seq = 1", ['{"i": 99}'])
    with pytest.raises(CommandError, match="Audit chain broken"):
        call_command("audit_verify")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_on_postgresql_keep_one_unbroken_chain():
    """GIVEN eight threads appending at once WHEN they all finish THEN the chain is gap-free and verifies."""
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                audit_event_append(action="test.concurrent", object_id=f"{n}-{i}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 81))
    assert audit_chain_verify().ok
