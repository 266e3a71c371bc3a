"""What a run draws from, read once: the province's receiving points, the agencies they serve and the published
catalogue (the routes a dossier can take), the staff at the points and agencies, the working days up to the
horizon. Refused with a bilingual message when the province, the year or the demo catalogue cannot give a run."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from motcua.agencies.models import Agency, ReceivingPoint, ReceivingPointKind, Role, StaffAssignment
from motcua.agencies.models.staff import POINT_ROLES
from motcua.agencies.selectors import one_stop_unit_for
from motcua.core.localtime import LOCAL_TIME_ZONE, local_date
from motcua.core.text import fold
from motcua.dossiers.lifecycle import Channel
from motcua.localities.models import Commune, Province
from motcua.procedures.models import OnlineSubmission, Procedure, ProcedureVersion, VersionStatus
from motcua.workdays.calendar import DEFAULT_FIRST_YEAR, WorkCalendar
from motcua.workdays.selectors import work_calendar

from .plan import SynthPlan, SynthRefused
from .seasons import day_counts


@dataclass
class Route:
    """Where a dossier can be received and for whom: a point, a lead agency it serves, a published version."""

    point: ReceivingPoint
    lead: Agency
    issuer: Agency
    version: ProcedureVersion
    calendar: WorkCalendar
    components: list[Any]
    fees: list[Any]
    steps: list[Any]
    other_agency_id: int | None
    weight: float


@dataclass
class World:
    province: Province
    routes: dict[str, tuple[list[Route], list[float]]]
    channels: tuple[list[str], list[float]]
    communes: list[Commune]
    receivers: dict[int, list[int]]
    specialists: dict[int, int | None]
    leaders: dict[int, int | None]
    days: list[tuple[date, int]]  # (day, dossiers received that day), working days up to the horizon
    horizon: datetime
    id_prefix: str


def synth_world(plan: SynthPlan) -> World:
    """Everything the generator draws from, read once: refused with a clear message when the province, the year or
    the demo catalogue cannot give a run."""
    province = Province.objects.filter(code=plan.province).first()
    if province is None:
        raise SynthRefused(f"Không có tỉnh mã {plan.province}. / No province with code {plan.province!r}.")
    today = local_date()
    if not DEFAULT_FIRST_YEAR <= plan.year <= today.year:
        raise SynthRefused(
            f"Năm {plan.year} nằm ngoài {DEFAULT_FIRST_YEAR}–{today.year}. / "
            f"The year must be from {DEFAULT_FIRST_YEAR} to this year ({today.year}), not {plan.year}."
        )
    routes = _routes(province)
    if not any(pool for pool, _ in routes.values()):
        raise SynthRefused(
            f"Tỉnh {province.name} chưa có điểm tiếp nhận, cơ quan hay thủ tục đã công bố (chạy load_demo). / "
            f"Province {province.code} has no receiving points, agencies served or published procedures: "
            "run load_demo first."
        )
    receivers = _receivers(province, [r.point.pk for pool, _ in routes.values() for r in pool])
    if not receivers:
        raise SynthRefused(
            f"Các điểm tiếp nhận của tỉnh {province.name} chưa có nhân viên. / "
            f"No staff is assigned at the receiving points of province {province.code}: run load_demo first."
        )
    shares = dict(plan.channels)
    channels = [c for c in routes if routes[c][0] and shares.get(c, 0) > 0]
    if not channels:
        raise SynthRefused("Không kênh nào có tỷ lệ dương. / No channel with a positive share can be served.")
    calendar = work_calendar()
    last = min(date(plan.year, 12, 31), today - timedelta(days=1))
    working = [date.fromordinal(o) for o in range(date(plan.year, 1, 1).toordinal(), last.toordinal() + 1)]
    working = [d for d in working if calendar.is_working_day(d)]
    if not working:
        raise SynthRefused(
            f"Năm {plan.year} chưa có ngày làm việc nào đã qua. / No working day of {plan.year} is past."
        )
    end_of_year = datetime(plan.year + 1, 1, 1, tzinfo=LOCAL_TIME_ZONE)
    agency_ids = {r.lead.pk for pool, _ in routes.values() for r in pool} | {
        r.other_agency_id for pool, _ in routes.values() for r in pool if r.other_agency_id
    }
    return World(
        province=province,
        routes=routes,
        channels=(channels, [shares[c] for c in channels]),
        communes=list(Commune.objects.filter(province=province).order_by("code")),
        receivers=receivers,
        specialists=_staff(agency_ids, Role.AGENCY_SPECIALIST),
        leaders=_staff(agency_ids, Role.AGENCY_LEADER),
        days=day_counts(working, plan.count),
        horizon=min(end_of_year, timezone.now()),
        id_prefix=f"{int(province.code):03d}" if province.code.isdigit() else "001",
    )


def _routes(province: Province) -> dict[str, tuple[list[Route], list[float]]]:
    versions = [
        p.current_version
        for p in Procedure.objects.filter(current_version__status=VersionStatus.PUBLISHED)
        .select_related("current_version", "current_version__procedure")
        .order_by("national_code")
        if p.current_version is not None
    ]
    popularity = {v.pk: 1 / (rank + 1) ** 0.8 for rank, v in enumerate(sorted(versions, key=_shuffle_key))}
    parts = {
        v.pk: (list(v.components.filter(mandatory=True)), list(v.fees.all()), list(v.steps.all())) for v in versions
    }
    pools: dict[str, tuple[list[Route], list[float]]] = {c: ([], []) for c in Channel}
    points = ReceivingPoint.objects.filter(commune__province=province, is_active=True, is_training=False)
    province_agencies = list(
        Agency.objects.filter(province=province, is_active=True, kind="competent").order_by("code")
    )
    for point in points.select_related("operator", "one_stop_unit").prefetch_related("serves").order_by("code"):
        served = [a for a in point.serves.all() if a.is_active]
        postal = point.kind == ReceivingPointKind.POST_OFFICE
        for version in versions:
            lead = _lead_for(version, served)
            if lead is None:
                continue
            components, fees, steps = parts[version.pk]
            other = next((a.pk for a in province_agencies if a.pk != lead.pk), None)
            weight = popularity[version.pk] * (2.0 if lead.level == "commune" else 1.0)
            route = Route(
                point,
                lead,
                one_stop_unit_for(point=point, lead_agency=lead),
                version,
                work_calendar(hours=point.office_hours or None),
                components,
                fees,
                steps,
                other,
                weight,
            )
            if postal and version.postal_pickup:
                pools[Channel.POSTAL][0].append(route)
            if not postal:
                pools[Channel.COUNTER][0].append(route)
                if version.online_submission != OnlineSubmission.NONE:
                    pools[Channel.ONLINE][0].append(route)
    for pool, weights in pools.values():
        weights.extend(r.weight for r in pool)
    return pools


def _shuffle_key(version: ProcedureVersion) -> str:
    return hashlib.sha256(version.procedure.national_code.encode()).hexdigest()


def _lead_for(version: ProcedureVersion, served: list[Agency]) -> Agency | None:
    """The served agency at one of the version's levels whose name shares most words with its competent agency."""
    candidates = [a for a in served if a.level in version.levels]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    words = set(fold(version.competent_authority).split())
    scored = sorted(((len(words & set(fold(a.name).split())), a.code, a) for a in candidates), key=lambda t: t[:2])
    best, runner_up = scored[-1], scored[-2]
    return best[2] if best[0] >= 2 and best[0] > runner_up[0] else None


def _receivers(province: Province, point_ids: list[int]) -> dict[int, list[int]]:
    """Each point's clerks; a point without its own gets the province's (the run needs someone at every point)."""
    assigned = StaffAssignment.objects.filter(role__in=POINT_ROLES, receiving_point__commune__province=province)
    by_point: dict[int, list[int]] = defaultdict(list)
    for user_id, point_id in assigned.order_by("user_id").values_list("user_id", "receiving_point_id"):
        by_point[point_id].append(user_id)
    everyone = sorted({u for users in by_point.values() for u in users})
    if not everyone:
        return {}
    return {point_id: by_point.get(point_id) or everyone for point_id in set(point_ids)}


def _staff(agency_ids: set[int], role: Role) -> dict[int, int | None]:
    rows = StaffAssignment.objects.filter(role=role, agency_id__in=agency_ids).order_by("user_id")
    found: dict[int, int | None] = {}
    for user_id, agency_id in rows.values_list("user_id", "agency_id"):
        found.setdefault(agency_id, user_id)
    return {agency_id: found.get(agency_id) for agency_id in agency_ids}


def step_agency(route: Route, step: Any) -> int | None:
    if step.at_other_agency:
        return route.other_agency_id
    if step.role == Role.ONE_STOP_SUPERVISOR:
        return route.issuer.pk
    return route.lead.pk
