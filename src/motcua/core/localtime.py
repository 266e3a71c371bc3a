"""The local day and the time zone: Vietnam's, whatever the server's clock or settings say.

Deadlines, daily money reconciliation, tariffs in force and "today's" lists all mean the day in Vietnam
(UTC+7, no daylight saving). ``TIME_ZONE`` defaults to it; the day itself is always taken here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

LOCAL_TIME_ZONE_NAME = "Asia/Ho_Chi_Minh"
LOCAL_TIME_ZONE = ZoneInfo(LOCAL_TIME_ZONE_NAME)


def local_date(at: datetime | None = None) -> date:
    """The day in Vietnam at ``at`` (now by default)."""
    return timezone.localdate(at, timezone=LOCAL_TIME_ZONE)


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local ``day`` as [start, end) aware instants."""
    start = datetime.combine(day, time.min, tzinfo=LOCAL_TIME_ZONE)
    return start, start + timedelta(days=1)
