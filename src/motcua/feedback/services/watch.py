"""The deadline watch of petitions (docs/feedback.md, "Deadlines"): flags each open complaint whose next deadline
is near (``FEEDBACK_NEAR_DUE_WORKING_HOURS`` of working time or less) or past. Idempotent: a flag is raised once
per deadline and kind (``flag_key``), recorded in the complaint's history and the audit log; run it as often as
wanted (Celery beat, ``manage.py complaints_flag``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.workdays.calendar import WorkCalendar
from motcua.workdays.selectors import work_calendar

from ..lifecycle import NEXT_DEADLINE, OPEN, ComplaintAction
from ..models import Complaint, DueFlag
from .complaints import _event


def complaint_due_flag(*, complaint: Complaint, now: datetime, calendar: WorkCalendar | None = None) -> str:
    """``overdue``, ``near`` or ``""`` for an open complaint's next deadline at ``now``; ``""`` once closed."""
    deadline = NEXT_DEADLINE.get(complaint.status)
    if deadline is None:
        return DueFlag.NONE
    due = getattr(complaint, f"{deadline}_due_at")
    if now > due:
        return DueFlag.OVERDUE
    calendar = calendar or work_calendar()
    near = timedelta(hours=settings.FEEDBACK_NEAR_DUE_WORKING_HOURS)
    return DueFlag.NEAR if calendar.working_time_between(now, due) <= near else DueFlag.NONE


@transaction.atomic
def complaints_flag(*, now: datetime | None = None) -> int:
    """Raise the flags due at ``now``; returns how many were raised (0 on a second run)."""
    now = now or timezone.now()
    calendar = work_calendar()
    raised = 0
    for complaint in Complaint.objects.select_for_update().filter(status__in=list(OPEN)).order_by("pk"):
        flag = complaint_due_flag(complaint=complaint, now=now, calendar=calendar)
        key = f"{NEXT_DEADLINE[complaint.status]}:{flag}"
        if not flag or key == complaint.flag_key:
            continue
        complaint.flag, complaint.flag_key = flag, key
        complaint.save(update_fields=["flag", "flag_key"])
        _event(complaint, action=ComplaintAction.FLAG, actor=None, from_status=complaint.status, note=key, now=now)
        raised += 1
    return raised
