"""The demo's queue: at the Thành Sen post office (Hà Tĩnh), where the demo clerks work, a kiosk, two displays,
four counters and a rating pad, and a simulated yesterday and this morning so the figures have data.

Why there: the demo's ``clerk`` and ``supervisor`` receive at that point (``demo.users``), so a visitor's ticket
can be called, served, linked to the dossier received and rated by the demo logins, end to end. Device keys stay
random (a published key would open a real kiosk if the demo were ever loaded on a real server); ``load_demo``
prints the kiosk's, displays' and pad's addresses instead.

Idempotent: rows are matched on their natural keys; a day that already has tickets is not simulated again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import Counter, ReceivingPoint
from motcua.core.localtime import LOCAL_TIME_ZONE, local_date
from motcua.procedures.models import Field, VersionStatus

from .models import DeviceKind, QueueDevice, QueueService, ServiceKind, Ticket
from .simulate import day_has_tickets, morning_simulate

POINT = "VNP.42.18073"
# Fields offered as "submit" buttons, busiest first (the first two get a dedicated counter); at most SUBMITS.
FIELD_ORDER = ("HT", "DD", "CT", "XD", "HKD", "BTXH", "LLTP", "NCC", "GD", "YT", "GPLX")
SUBMITS = 6
# Minutes a submission takes at the counter, by field (the default: 10).
FIELD_MINUTES = {"HT": 8, "DD": 15, "CT": 5, "XD": 15, "LLTP": 6}
# (number, name, field codes): 1 is the post office's own counter (every field, from ``agencies.demo``).
COUNTERS = ((2, "Quầy tổng hợp", ()), (3, "Quầy hộ tịch", ("HT",)), (4, "Quầy đất đai", ("DD",)))
MORNING = (time(7, 30), time(11, 30))
VISITORS = 80  # a full morning's arrivals at four counters: busy at the peak, not swamped


def _services(point: ReceivingPoint) -> list[QueueService]:
    published = Field.objects.filter(procedures__versions__status=VersionStatus.PUBLISHED).values("pk")
    fields = {f.code: f for f in Field.objects.filter(code__in=FIELD_ORDER, pk__in=published)}
    chosen = [fields[code] for code in FIELD_ORDER if code in fields][:SUBMITS]
    letters = iter("ABCDEFGHKMNPQRSTUVXY")
    services = []
    for order, field in enumerate(chosen, start=1):
        service, _ = QueueService.objects.update_or_create(
            point=point,
            kind=ServiceKind.SUBMIT,
            field=field,
            defaults={
                "letter": next(letters),
                "name": f"Nộp hồ sơ {field.name[:1].lower()}{field.name[1:]}",
                "name_en": f"Submit a dossier: {field.name}",
                "order": order,
                "service_minutes": FIELD_MINUTES.get(field.code, 10),
                "appointments": True,
                "is_active": True,
            },
        )
        services.append(service)
    for kind, name, name_en, minutes, bookable in (
        (ServiceKind.COLLECT, "Nhận kết quả", "Collect a result", 4, True),
        (ServiceKind.GUIDANCE, "Hỏi, hướng dẫn thủ tục", "Ask for guidance", 6, False),
    ):
        service, _ = QueueService.objects.update_or_create(
            point=point,
            kind=kind,
            field=None,
            defaults={
                "letter": next(letters),
                "name": name,
                "name_en": name_en,
                "order": len(services) + 1,
                "service_minutes": minutes,
                "appointments": bookable,
                "is_active": True,
            },
        )
        services.append(service)
    return services


def _devices(point: ReceivingPoint, pad_counter: Counter) -> list[QueueDevice]:
    wanted = [
        (DeviceKind.KIOSK, "Kiosk cửa chính", None),
        (DeviceKind.DISPLAY, "Màn hình sảnh", None),
        (DeviceKind.DISPLAY, "Màn hình khu quầy", None),
        (DeviceKind.PAD, "Đánh giá quầy 1", pad_counter),
    ]
    devices = []
    for kind, name, counter in wanted:
        # get_or_create: the key made the first time stays, so a kiosk set up on the demo keeps working.
        device, _ = QueueDevice.objects.get_or_create(point=point, kind=kind, name=name, defaults={"counter": counter})
        devices.append(device)
    return devices


@transaction.atomic
def queue_setup_demo() -> tuple[ReceivingPoint, list[QueueService], list[QueueDevice]]:
    """The services, counters 1–4 and devices of the demo's centre."""
    point = ReceivingPoint.objects.get(code=POINT)
    counter_one, _ = Counter.objects.get_or_create(
        receiving_point=point, number=1, defaults={"name": "Quầy hành chính công"}
    )
    for number, name, codes in COUNTERS:
        counter, _ = Counter.objects.update_or_create(
            receiving_point=point, number=number, defaults={"name": name, "is_active": True}
        )
        counter.fields.set(Field.objects.filter(code__in=codes))
    return point, _services(point), _devices(point, counter_one)


def queue_load_demo(*, write: Callable[[str], object] | None = None) -> dict[str, int]:
    """Set up the demo's queue and simulate yesterday's morning and today's so far (each only if that day has no
    tickets yet); ``write`` receives the devices' addresses, one line each."""
    point, services, devices = queue_setup_demo()
    now = timezone.now()
    today = local_date(now)
    yesterday = today - timedelta(days=1)
    if not day_has_tickets(point=point, day=yesterday):
        morning_simulate(point=point, day=yesterday, visitors=VISITORS, seed=yesterday.toordinal(), clerks=4)
    start, end = MORNING
    local_now = now.astimezone(LOCAL_TIME_ZONE).time().replace(second=0, microsecond=0)
    stop = min(end, local_now)
    minutes = (stop.hour * 60 + stop.minute) - (start.hour * 60 + start.minute)
    if minutes >= 30 and not day_has_tickets(point=point, day=today):
        # So far this morning: the clock stops now, and whoever still waits is there for the demo clerk to call.
        morning_simulate(
            point=point,
            day=today,
            visitors=max(1, VISITORS * minutes // 240),
            seed=today.toordinal(),
            clerks=4,
            start=start,
            end=stop,
            until=now,
        )
    if write is not None:
        write(f"Queue devices at {point.code} (open these addresses on the kiosk, the TVs and the counter's pad):")
        for device in devices:
            write(f"  {device.get_kind_display():<18} {device.name:<18} {device.get_absolute_url()}")
    return {
        "queue_services": len(services),
        "queue_devices": len(devices),
        "queue_tickets": Ticket.objects.filter(point=point).count(),
    }
