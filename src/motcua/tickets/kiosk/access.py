"""Finding what a visitor's page is about, by a secret only: a device by its key, a ticket by its token, a centre
by its public code. Anything else (an id, a wrong or inactive key, a device of another kind) is a 404."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint

from ..models import DeviceKind, QueueDevice, QueueService, Ticket


def device_or_404(key: str, *, kind: DeviceKind) -> QueueDevice:
    device = (
        QueueDevice.objects.select_related("point", "counter").filter(key=key[:64], kind=kind, is_active=True).first()
    )
    if device is None:
        raise Http404("no such device")
    return device


def device_seen(device: QueueDevice, *, at: datetime | None = None) -> None:
    """Record that the device asked for a page: the supervisor sees a kiosk or a pad that went quiet."""
    device.last_seen_at = at or timezone.now()
    QueueDevice.objects.filter(pk=device.pk).update(last_seen_at=device.last_seen_at)


def services_of(point: ReceivingPoint) -> list[QueueService]:
    return list(QueueService.objects.filter(point=point, is_active=True).select_related("field"))


def point_or_404(code: str) -> tuple[ReceivingPoint, list[QueueService]]:
    """An active centre that has a queue (at least one active service), with its services."""
    point = ReceivingPoint.objects.filter(code=code[:40], is_active=True).first()
    services = services_of(point) if point is not None else []
    if point is None or not services:
        raise Http404("no queue at this centre")
    return point, services


def ticket_or_404(token: str) -> Ticket:
    ticket = (
        Ticket.objects.select_related("point", "service", "counter", "target_counter").filter(token=token[:40]).first()
    )
    if ticket is None:
        raise Http404("no such ticket")
    return ticket
