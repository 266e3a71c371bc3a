"""The demo's queue: one kiosk, two displays, four counters and a pad at the demo clerks' post office, a
simulated yesterday and this morning so far; loading it twice changes nothing."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, Counter, ReceivingPoint, ReceivingPointKind, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.localities.models import Commune, DivisionType, Province
from motcua.tickets.demo import POINT, queue_load_demo
from motcua.tickets.models import CounterShift, DeviceKind, QueueDevice, QueueService, Ticket, TicketStatus
from tests.factories import FieldFactory, ProcedureVersionFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def demo_point(db) -> ReceivingPoint:
    """The demo's post office as ``agencies.demo`` leaves it: one counter for every field, two postal clerks."""
    province = Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ht")
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="ts", province=province
    )
    post = Agency.objects.create(code="VNP.42", name="Bưu điện", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    point = ReceivingPoint.objects.create(
        code=POINT, name="Bưu cục Thành Sen", kind=ReceivingPointKind.POST_OFFICE, operator=post, commune=commune
    )
    fields = [FieldFactory(code="HT", name="Hộ tịch"), FieldFactory(code="DD", name="Đất đai"), FieldFactory(code="CT")]
    for field in fields[:2]:
        ProcedureVersionFactory(procedure__field=field, published=True)
    counter = Counter.objects.create(receiving_point=point, number=1, name="Quầy hành chính công")
    counter.fields.set(fields)
    for username in ("clerk", "trainee"):
        Assignment.objects.create(user=UserFactory(username=username), role=Role.POSTAL_CLERK, receiving_point=point)
    return point


def test_demo_queue_is_complete_and_idempotent(demo_point):
    lines: list[str] = []
    with time_machine.travel(NOW, tick=False):
        first = queue_load_demo(write=lines.append)
        snapshot = (
            list(QueueService.objects.order_by("letter").values_list("letter", "kind", "field__code")),
            list(QueueDevice.objects.order_by("pk").values_list("kind", "name", "key", "counter__number")),
            list(Ticket.objects.order_by("pk").values_list("day", "label", "status")),
            Counter.objects.count(),
        )
        second = queue_load_demo()
    assert first == second
    assert snapshot == (
        list(QueueService.objects.order_by("letter").values_list("letter", "kind", "field__code")),
        list(QueueDevice.objects.order_by("pk").values_list("kind", "name", "key", "counter__number")),
        list(Ticket.objects.order_by("pk").values_list("day", "label", "status")),
        Counter.objects.count(),
    )
    devices = QueueDevice.objects.filter(point=demo_point)
    assert devices.filter(kind=DeviceKind.KIOSK).count() == 1
    assert devices.filter(kind=DeviceKind.DISPLAY).count() == 2
    pad = devices.get(kind=DeviceKind.PAD)
    assert pad.counter.number == 1
    assert Counter.objects.filter(receiving_point=demo_point, is_active=True).count() >= 4
    pooled = Counter.objects.filter(receiving_point=demo_point, fields__isnull=True)
    assert list(pooled.values_list("number", flat=True)) == [2]
    # submit per published field (HT, DD: CT has no procedure), then collect and guidance
    assert [(s.letter, s.kind) for s in QueueService.objects.filter(point=demo_point).order_by("order")] == [
        ("A", "submit"),
        ("B", "submit"),
        ("C", "collect"),
        ("D", "guidance"),
    ]
    # keys stay random and secret; the addresses are printed for whoever set up the demo
    assert all(len(d.key) >= 40 for d in devices)
    for device in devices:
        path = device.get_absolute_url()
        assert not path or device.key in path
        assert any(device.name in line for line in lines)
    # yesterday's whole morning, closed; today's until now, counters closed again for the demo clerks
    yesterday = Ticket.objects.filter(point=demo_point, day=NOW.date() - dt.timedelta(days=1))
    assert yesterday.count() == 80
    assert not yesterday.filter(status__in=(TicketStatus.WAITING, TicketStatus.CALLED)).exists()
    today = Ticket.objects.filter(point=demo_point, day=NOW.date())
    assert 0 < today.count() <= 80
    assert today.filter(issued_at__gt=NOW).count() == 0
    assert not CounterShift.objects.filter(closed_at__isnull=True).exists()
