"""Demo postal orders, made through the services: two home pickups, one booked for the next working
morning and one assigned to the demo postman and due now, so every postal page has something to show."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ReceivingPoint
from motcua.core.localtime import local_date
from motcua.procedures.models import Procedure
from motcua.workdays.selectors import work_calendar

from .models import PostalOrder
from .services.pickup import pickup_assign, pickup_book

POINT, LEAD = "VNP.42.18073", "H30.X01"
# (procedure, contact, ID number, phone, address, assigned to the postman)
DEMO_PICKUPS = (
    ("1.001193", "Phạm Thị Thu", "042199004545", "0915004545", "18 Hà Huy Tập", False),
    ("1.004873", "Trần Quốc Việt", "042087006767", "0916006767", "5 Nguyễn Công Trứ", True),
)


def _next_working_morning() -> datetime:
    calendar = work_calendar()
    day = local_date() + timedelta(days=1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(8, 0)))


@transaction.atomic
def postal_load_demo() -> dict[str, int]:
    point = ReceivingPoint.objects.get(code=POINT)
    if PostalOrder.objects.filter(receiving_point=point).exists():
        return {"postal_orders": PostalOrder.objects.count()}
    lead = Agency.objects.get(code=LEAD)
    clerk, postman = User.objects.get(username="clerk"), User.objects.get(username="postman")
    tomorrow = _next_working_morning()
    # The assigned one is due within the hour, so the demo postman has work on their page today.
    soon = (timezone.localtime() + timedelta(minutes=15)).replace(second=0, microsecond=0)
    for code, name, id_number, phone, address, assigned in DEMO_PICKUPS:
        start = soon if assigned else tomorrow
        version = Procedure.objects.get(national_code=code).current_version
        if version is None:
            raise ValueError(f"demo procedure {code} has no published version")
        order = pickup_book(
            version=version,
            point=point,
            contact_name=name,
            contact_id_number=id_number,
            contact_phone=phone,
            address=address,
            commune=point.commune,
            actor=clerk,
            window_start=start,
            window_end=start + timedelta(hours=2),
            lead_agency=lead,
        )
        if assigned:
            pickup_assign(order=order, postman=postman, actor=clerk)
    return {"postal_orders": PostalOrder.objects.count()}
