"""Gaps for tomorrow (issue 12, item 7): for a receiving point, which stage × field nobody who works there tomorrow
may do, and whose certificates run out soon; and, for the planner, how many certified postal staff a province has.

* **Who works tomorrow**: motcua keeps no roster, so it is the point's postal staff whose assignment is active and
  valid on that day.
* **What the point needs**: the stages postal staff perform in the published catalogue (``catalogue.gated_stages``)
  × the fields of the procedures received at the point in the last 30 days (``selectors.recent_fields``).
* **Covered**: a certification valid on that day (issued by then, not revoked, not expired), or a waiver active on
  that day for the stage and the field or every field — the gate's own rule (``gate.is_covered``).
* **Tomorrow** is the point's next working day (the working-day calendar with its office hours), so a Friday's
  page shows Monday.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q

from motcua.agencies.models import ReceivingPoint, StaffAssignment
from motcua.agencies.models.staff import POINT_ROLES
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.procedures.models import Field
from motcua.stages.models import StageCode
from motcua.workdays.selectors import work_calendar

from .catalogue import GatedStage, gated_stages
from .gate import active_waivers, valid_certifications
from .models import Certification
from .selectors import recent_fields

EXPIRING_DAYS = 30


@dataclass
class Need:
    """One stage × field the point needs tomorrow, with who may do it then (certified, or under a waiver)."""

    stage: GatedStage
    field: Field
    certified: list[Any] = dataclasses.field(default_factory=list)
    waived: list[Any] = dataclasses.field(default_factory=list)

    @property
    def gap(self) -> bool:
        return not self.certified and not self.waived


@dataclass
class TomorrowGaps:
    point: ReceivingPoint
    day: date
    staff: list[Any]
    needs: list[Need]
    expiring: list[Certification]

    @property
    def gaps(self) -> list[Need]:
        return [need for need in self.needs if need.gap]


def next_working_day(point: ReceivingPoint, today: date) -> date:
    try:
        return work_calendar(hours=point.office_hours or None).next_working_day(today, include=False)
    except ApplicationError:  # a day beyond the calendar's years: the calendar day after
        return today + timedelta(days=1)


def staff_on(point: ReceivingPoint, day: date) -> list[Any]:
    """The point's postal staff whose assignment is active and valid on ``day`` (no roster is kept)."""
    assignments = StaffAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        receiving_point=point,
        role__in=POINT_ROLES,
        is_active=True,
        user__is_active=True,
    ).select_related("user")
    users = {assignment.user.pk: assignment.user for assignment in assignments}
    return sorted(users.values(), key=lambda user: user.get_username())


def point_gaps_tomorrow(point: ReceivingPoint, *, today: date | None = None) -> TomorrowGaps:
    """The stage × field needs of ``point`` on its next working day, who covers each, and the certifications of its
    staff that end within ``EXPIRING_DAYS`` of today. Three queries besides the staff and the fields."""
    today = today or local_date()
    day = next_working_day(point, today)
    staff = staff_on(point, day)
    stages = list(gated_stages().values())
    fields = recent_fields(point)
    by_id = {user.pk: user for user in staff}
    certified: dict[tuple[str, int], set[int]] = {}
    for user_id, stage_code, field_id in (
        valid_certifications(on=day).filter(user__in=staff).values_list("user_id", "stage_code", "field_id")
    ):
        certified.setdefault((stage_code, field_id), set()).add(user_id)
    waived: dict[tuple[str, int | None], set[int]] = {}
    for user_id, stage_code, field_id in (
        active_waivers(on=day).filter(user__in=staff).values_list("user_id", "stage_code", "field_id")
    ):
        waived.setdefault((stage_code, field_id), set()).add(user_id)
    needs = []
    for stage in stages:
        for f in fields:
            holders = certified.get((stage.code, f.pk), set())
            under_waiver = (waived.get((stage.code, f.pk), set()) | waived.get((stage.code, None), set())) - holders
            needs.append(
                Need(
                    stage=stage,
                    field=f,
                    certified=[by_id[pk] for pk in sorted(holders, key=lambda pk: by_id[pk].get_username())],
                    waived=[by_id[pk] for pk in sorted(under_waiver, key=lambda pk: by_id[pk].get_username())],
                )
            )
    expiring = list(
        Certification.objects.filter(
            user__in=staff,
            revoked_at__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=EXPIRING_DAYS),
        )
        .exclude(Exists(Certification.objects.filter(renewed_from=OuterRef("pk"), revoked_at__isnull=True)))
        .select_related("user", "field")
        .order_by("valid_until", "user__username")
    )
    return TomorrowGaps(point=point, day=day, staff=staff, needs=needs, expiring=expiring)


def certified_postal_staff(*, province_code: str, stage_code: str = StageCode.RECEIVE, on: date | None = None) -> int:
    """Distinct people holding a postal role at a receiving point of the province who hold a certification of
    ``stage_code`` (any field) valid on ``on`` (today): the planner sets them against the staff it needs."""
    day = on or local_date()
    staff = StaffAssignment.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        receiving_point__commune__province__code=province_code,
        receiving_point__is_training=False,
        role__in=POINT_ROLES,
        is_active=True,
        user__is_active=True,
    ).values("user")
    return valid_certifications(on=day).filter(stage_code=stage_code, user__in=staff).values("user").distinct().count()
