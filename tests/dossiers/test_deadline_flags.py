"""The deadline watch: due soon and overdue written once to the outbox, steps overdue, the apology rule."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from time_machine import travel

from motcua.dossiers import control
from motcua.dossiers.control import dossier_deadlines_flag
from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.selectors import dossier_needs_apology
from motcua.dossiers.services import transitions as t
from motcua.dossiers.tasks import dossier_deadlines_flag_task
from tests.dossiers.conftest import at

pytestmark = pytest.mark.django_db

NOTHING = {"due_soon": 0, "overdue": 0, "step_overdue": 0}


def _flags() -> list[tuple[str, str]]:
    messages = OutboxMessage.objects.filter(key__startswith="deadline:").order_by("id")
    return [(m.topic, m.key) for m in messages]


@pytest.fixture
def dossier(world):
    """Received Wednesday 25/11/2026 09:00 with 5 working days: due Wednesday 02/12/2026 09:00."""
    received = world.receive(received_at=at("25/11/2026 09:00"))
    assert received.appointment_at == at("02/12/2026 09:00")
    return received


def test_nothing_is_flagged_while_more_than_a_day_is_left(dossier):
    assert dossier_deadlines_flag(at=at("01/12/2026 08:59")) == {**NOTHING, "checked": 0}
    assert _flags() == []


def test_a_dossier_due_soon_is_flagged_once_whatever_the_reruns(dossier):
    """GIVEN a dossier with exactly one working day left WHEN the job runs three times THEN one message."""
    assert dossier_deadlines_flag(at=at("01/12/2026 10:00")) == {**NOTHING, "due_soon": 1, "checked": 1}
    assert dossier_deadlines_flag(at=at("01/12/2026 10:00")) == {**NOTHING, "checked": 1}
    assert dossier_deadlines_flag(at=at("01/12/2026 16:00")) == {**NOTHING, "checked": 1}
    key = f"deadline:{dossier.pk}:due_soon:2026-12-02T02:00:00+00:00"
    assert _flags() == [("dossier.due_soon", key)]
    payload = OutboxMessage.objects.get(key=key).payload
    assert payload["code"] == dossier.code
    assert payload["appointment_at"] == "2026-12-02T02:00:00+00:00"
    assert (payload["national_status"], payload["needs_apology"], payload["lead_agency"]) == (2, True, "H30.X01")


def test_an_overdue_dossier_gets_its_own_message_once(dossier):
    dossier_deadlines_flag(at=at("01/12/2026 09:00"))
    assert dossier_deadlines_flag(at=at("02/12/2026 09:01"))["overdue"] == 1
    assert dossier_deadlines_flag(at=at("03/12/2026 09:01"))["overdue"] == 0
    assert [topic for topic, _key in _flags()] == ["dossier.due_soon", "dossier.overdue"]


def test_a_paused_dossier_is_skipped_and_flagged_again_after_its_new_appointment(world, dossier):
    with travel(at("30/11/2026 09:00"), tick=False) as clock:
        t.dossier_request_supplement(dossier=dossier, actor=world.clerk, items=["Tờ khai"], reason="Thiếu chữ ký")
        assert dossier_deadlines_flag(at=at("10/12/2026 09:00")) == {**NOTHING, "checked": 0}
        clock.move_to(at("02/12/2026 09:00"))  # two working days paused: due 04/12 09:00
        t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
    dossier.refresh_from_db()
    assert dossier.appointment_at == at("04/12/2026 09:00")
    assert dossier_deadlines_flag(at=at("03/12/2026 09:00"))["due_soon"] == 1
    assert _flags() == [("dossier.due_soon", f"deadline:{dossier.pk}:due_soon:2026-12-04T02:00:00+00:00")]


def test_an_extension_restarts_the_watch_on_the_new_appointment(world, dossier):
    dossier_deadlines_flag(at=at("01/12/2026 09:00"))
    t.dossier_extend(dossier=dossier, actor=world.leader, new_appointment=at("09/12/2026 09:00"), reason="Cần xác minh")
    assert dossier_deadlines_flag(at=at("02/12/2026 10:00")) == {**NOTHING, "checked": 0}
    assert dossier_deadlines_flag(at=at("09/12/2026 10:00"))["overdue"] == 1
    assert _flags() == [
        ("dossier.due_soon", f"deadline:{dossier.pk}:due_soon:2026-12-02T02:00:00+00:00"),
        ("dossier.overdue", f"deadline:{dossier.pk}:overdue:2026-12-09T02:00:00+00:00"),
    ]
    extended = OutboxMessage.objects.get(topic="dossier.overdue").payload
    assert extended["needs_apology"] is False  # the date was reset once already


def test_ended_dossiers_are_not_watched(world, dossier):
    t.dossier_refuse(dossier=dossier, actor=world.clerk, reasons="Không thuộc thẩm quyền")
    assert dossier_deadlines_flag(at=at("10/12/2026 09:00")) == {**NOTHING, "checked": 0}


def test_a_step_past_its_deadline_is_flagged_once(world, dossier):
    with travel(at("25/11/2026 10:00"), tick=False):
        t.dossier_transfer(dossier=dossier, actor=world.clerk)  # step 2: 1.5 days → due 26/11 16:00
    assert dossier_deadlines_flag(at=at("26/11/2026 16:00")) == {**NOTHING, "checked": 0}
    assert dossier_deadlines_flag(at=at("26/11/2026 16:01")) == {**NOTHING, "step_overdue": 1, "checked": 1}
    assert dossier_deadlines_flag(at=at("27/11/2026 08:00")) == {**NOTHING, "checked": 1}
    message = OutboxMessage.objects.get(topic="dossier.step_overdue")
    assert message.key == f"deadline:{dossier.pk}:step2_overdue:2026-11-26T09:00:00+00:00"
    assert (message.payload["step"], message.payload["step_name"], message.payload["agency"]) == (
        2,
        "Thẩm định",
        "H30.X01",
    )


def test_a_step_is_not_late_for_the_time_the_applicant_took(world, dossier):
    with travel(at("25/11/2026 10:00"), tick=False) as clock:
        t.dossier_transfer(dossier=dossier, actor=world.clerk)
        clock.move_to(at("26/11/2026 08:00"))
        t.dossier_request_supplement(dossier=dossier, actor=world.specialist, items=["Tờ khai"], reason="Thiếu")
        clock.move_to(at("27/11/2026 08:00"))  # one working day paused: step 2 due 27/11 16:00
        t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
    assert dossier_deadlines_flag(at=at("27/11/2026 15:00"))["step_overdue"] == 0
    assert dossier_deadlines_flag(at=at("27/11/2026 16:01"))["step_overdue"] == 1
    assert OutboxMessage.objects.get(topic="dossier.step_overdue").payload["due_at"] == "2026-11-27T16:00:00+07:00"


def test_the_job_asks_for_the_outbox_to_be_delivered_after_commit(dossier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dossier_deadlines_flag(at=at("01/12/2026 09:00"))
    # The job's own callback asks for the outbox to be delivered; the handlers it then runs (notifications, the
    # national exchange) add theirs.
    assert callbacks and getattr(callbacks[0], "__name__", "") == "_enqueue_dispatch"
    assert not OutboxMessage.objects.filter(dispatched_at__isnull=True).exists()  # Celery is eager in tests


def test_the_celery_task_takes_an_iso_instant(dossier):
    assert dossier_deadlines_flag_task.delay(at="2026-12-02T09:30:00+07:00").get() == {
        **NOTHING,
        "overdue": 1,
        "checked": 1,
    }
    assert dossier_deadlines_flag_task.delay(at="2026-12-02T09:30").get()["checked"] == 1  # local time


def test_the_command_prints_the_counts_and_refuses_a_bad_instant(dossier):
    out = StringIO()
    call_command("dossier_deadlines", "--at", "01/12/2026 09:00", stdout=out)
    assert out.getvalue().strip() == "due_soon=1 overdue=0 step_overdue=0 checked=1"
    out = StringIO()
    call_command("dossier_deadlines", "--at", "2026-12-01T09:00:00+07:00", stdout=out)
    assert out.getvalue().strip() == "due_soon=0 overdue=0 step_overdue=0 checked=1"
    with pytest.raises(CommandError):
        call_command("dossier_deadlines", "--at", "tomorrow")


def test_the_command_defaults_to_now(dossier):
    out = StringIO()
    with travel(at("02/12/2026 10:00"), tick=False):
        call_command("dossier_deadlines", stdout=out)
    assert out.getvalue().strip() == "due_soon=0 overdue=1 step_overdue=0 checked=1"


# --- the apology rule ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "needed"),
    [
        ("30/11/2026 09:00", False),  # two working days left
        ("01/12/2026 09:00", False),  # exactly one working day left: the last moment to be on time
        ("01/12/2026 09:01", True),
        ("03/12/2026 09:00", True),  # late and still no new appointment
    ],
)
def test_an_apology_is_needed_when_less_than_a_working_day_is_left(dossier, when, needed):
    assert dossier_needs_apology(dossier=dossier, at=at(when)) is needed


def test_no_second_apology_after_the_appointment_was_reset(world, dossier):
    t.dossier_extend(dossier=dossier, actor=world.leader, new_appointment=at("03/12/2026 09:00"), reason="Xác minh")
    dossier.refresh_from_db()
    assert dossier_needs_apology(dossier=dossier, at=at("02/12/2026 15:00")) is False


def test_a_paused_clock_keeps_what_was_left_when_it_stopped(world, dossier):
    with travel(at("27/11/2026 09:00"), tick=False):  # three working days left
        t.dossier_request_supplement(dossier=dossier, actor=world.clerk, items=["Tờ khai"], reason="Thiếu chữ ký")
    dossier.refresh_from_db()
    assert dossier_needs_apology(dossier=dossier, at=at("10/12/2026 09:00")) is False


def test_many_candidates_are_checked_in_chunks_without_duplicates(world, dossier, monkeypatch):
    monkeypatch.setattr(control, "KEY_CHUNK", 1)
    world.receive(received_at=at("25/11/2026 09:30"))
    world.receive(received_at=at("25/11/2026 10:00"))
    assert dossier_deadlines_flag(at=at("02/12/2026 11:00"))["overdue"] == 3
    assert dossier_deadlines_flag(at=at("02/12/2026 11:00")) == {**NOTHING, "checked": 3}
    assert OutboxMessage.objects.filter(topic="dossier.overdue").count() == 3
