"""``/dossiers``: receive, list, read one, its history and its control record. Staff only.

Every dossier is reached through the engine's selectors, which start from what the caller may see: a dossier
out of the caller's scope answers exactly like one that does not exist (404 ``dossier_not_found``).
Actions on a dossier are in :mod:`.dossier_actions`.
"""

import json
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import quote

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Header, Query, Router
from ninja.pagination import paginate
from ninja.responses import NinjaJSONEncoder

from motcua.agencies.models import Agency
from motcua.dossiers import errors as dossier_errors
from motcua.dossiers.control import ControlRecord, dossier_control_record
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, DossierStep
from motcua.dossiers.privacy import event_payload, slip_readable
from motcua.dossiers.selectors import (
    dossier_content_readable,
    dossier_filter_due_soon,
    dossier_filter_overdue,
    dossier_get_by_code,
    dossier_history,
    dossier_list_by_agency,
    dossier_list_by_assignee,
    dossier_list_by_step,
    dossier_list_for_user,
)
from motcua.dossiers.services.act import dossier_last_seq
from motcua.dossiers.services.receive import dossier_receive
from motcua.dossiers.slips import SLIP_KINDS, SlipUnavailable, slip_pdf

from ..idempotency import HEADER, HEADER_DESCRIPTION, Outcome, respond_once
from ..pagination import LimitOffsetPagination
from ..schemas.dossier_records import ControlRecordOut, DossierEventOut
from ..schemas.dossier_requests import DossierFilters, ReceptionIn
from ..schemas.dossiers import DossierOut, DossierSummary
from ..schemas.problems import Problem
from .dossier_inputs import dossier_etag, reception_from

router = Router(tags=["dossiers"])

IdempotencyKey = Header(None, alias=HEADER, description=HEADER_DESCRIPTION)


def caller(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


# --- rendering -------------------------------------------------------------------------------------------------


def loaded(dossier: Dossier) -> Dossier:
    """The dossier with what its representation reads, in a fixed number of queries."""
    prefetch_related_objects(
        [dossier],
        Prefetch("steps", queryset=DossierStep.objects.select_related("agency", "assignee").order_by("order")),
        Prefetch("components", queryset=DossierComponent.objects.select_related("component").order_by("id")),
    )
    return dossier


def rendered(request: HttpRequest, dossier: Dossier, *, status: int, headers: dict[str, str] | None = None) -> Outcome:
    """The representation as the API renders it, for responses that are stored (idempotency) before being sent."""
    data = DossierOut.model_validate(loaded(dossier), context={"request": request}).model_dump()
    body = json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)
    return Outcome(status=status, body=body, headers={**(headers or {}), "ETag": dossier_etag(data["seq"])})


# --- reading ---------------------------------------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def dossiers_filtered(*, user: Any, filters: DossierFilters) -> QuerySet[Dossier]:
    """The caller's dossiers narrowed by the filters; each inbox filter is the engine's selector."""
    dossiers = dossier_list_for_user(user=user)
    if filters.status:
        dossiers = dossiers.filter(status=filters.status)
    if filters.procedure:
        dossiers = dossiers.filter(procedure_version__procedure__national_code=filters.procedure.strip())
    if filters.receiving_point:
        dossiers = dossiers.filter(receiving_point__code=filters.receiving_point.strip())
    if filters.lead_agency:
        dossiers = dossiers.filter(lead_agency__code=filters.lead_agency.strip())
    if filters.agency:
        agency = Agency.objects.filter(code=filters.agency.strip()).first()
        dossiers = dossiers & dossier_list_by_agency(user=user, agency=agency) if agency else dossiers.none()
    if filters.received_from:
        dossiers = dossiers.filter(received_at__gte=_day_start(filters.received_from))
    if filters.received_to:
        dossiers = dossiers.filter(received_at__lt=_day_start(filters.received_to + timedelta(days=1)))
    if filters.due == "overdue":
        dossiers = dossier_filter_overdue(dossiers=dossiers)
    elif filters.due == "due_soon":
        dossiers = dossier_filter_due_soon(dossiers=dossiers)
    if filters.assignee == "me":
        # The engine names an assignee when a step is completed, so "mine" includes finished steps.
        dossiers = dossiers & dossier_list_by_assignee(user=user, assignee=user, active_only=False)
    if filters.step:
        dossiers = dossiers & dossier_list_by_step(user=user, step_name=filters.step)
    if filters.step_order is not None:
        dossiers = dossiers & dossier_list_by_step(user=user, order=filters.step_order)
    return dossiers.order_by("-received_at", "-pk")


@router.get(
    "",
    response={200: list[DossierSummary], 401: Problem, 422: Problem},
    summary="Dossiers in the caller's scope, filtered",
)
@paginate(LimitOffsetPagination)
def dossiers_list(request: HttpRequest, filters: Query[DossierFilters]) -> QuerySet[Dossier]:
    """Newest first. Filters combine (all must hold); `due` compares in working time, now."""
    return dossiers_filtered(user=caller(request), filters=filters)


@router.get("/{code}", response={200: DossierOut, 401: Problem, 404: Problem}, summary="A dossier")
def dossier_get(request: HttpRequest, code: str, response: HttpResponse) -> Dossier:
    """Everything about the dossier, and `allowed_actions`: what the caller may do now, with the fields each needs.

    The `ETag` header (and `seq` in the body) names this state: send it back in `If-Match` (or as `expected_seq`)
    with an action, and the action is refused with 412 `dossier_changed` if the dossier has changed since.
    """
    dossier = loaded(dossier_get_by_code(user=caller(request), code=code))
    response["ETag"] = dossier_etag(dossier_last_seq(dossier=dossier))
    return dossier


@router.get(
    "/{code}/history", response={200: list[DossierEventOut], 401: Problem, 404: Problem}, summary="A dossier's history"
)
def dossier_history_list(request: HttpRequest, code: str) -> list[DossierEvent]:
    """Every event, oldest first: the history is append-only and complete (not paginated). A person's numbers
    are cut for a reader who sees the dossier but not its content."""
    user = caller(request)
    dossier = dossier_get_by_code(user=user, code=code)
    events = list(dossier_history(dossier=dossier))
    if not dossier_content_readable(user=user, dossier=dossier):
        for event in events:  # shown, never saved
            event.payload = event_payload(event.payload, complete=False)
    return events


@router.get(
    "/{code}/control-record",
    response={200: ControlRecordOut, 401: Problem, 404: Problem},
    summary="A dossier's processing control record (slip 06)",
)
def dossier_control_record_get(request: HttpRequest, code: str) -> ControlRecord:
    """Each hand-over between units, who made it, when, and whether it was early, on time or late."""
    return dossier_control_record(dossier=dossier_get_by_code(user=caller(request), code=code))


@router.get(
    "/{code}/slips/{kind}.pdf",
    response={401: Problem, 403: Problem, 404: Problem},
    summary="An official slip of the dossier as PDF (Circular 03/2025 forms 01–06)",
    openapi_extra={"responses": {200: {"description": "The slip, A4 PDF", "content": {"application/pdf": {}}}}},
)
def dossier_slip_get(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """01 receipt, 02 supplement request, 03 refusal, 04 apology and extension, 05 stopped processing,
    06 control sheet. A slip the dossier has no data for (a refusal slip for a dossier never refused)
    is 404 ``slip_not_found``; a slip that prints the applicant's identity is 403 ``slip_not_for_overseer`` to a
    reader who oversees the dossier without acting on it (docs/access.md, "Fields")."""
    dossier = dossier_get_by_code(user=caller(request), code=code)
    if kind not in SLIP_KINDS or kind == "07":
        raise dossier_errors.slip_not_found(kind=kind, code=dossier.code)
    if not slip_readable(kind, complete=dossier_content_readable(user=caller(request), dossier=dossier)):
        raise dossier_errors.slip_not_for_overseer(kind=kind)
    try:
        pdf = slip_pdf(kind=kind, dossier=dossier, actor=caller(request))
    except SlipUnavailable:
        raise dossier_errors.slip_not_found(kind=kind, code=dossier.code) from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-{kind}.pdf"'
    return response


# --- reception -------------------------------------------------------------------------------------------------


@router.post(
    "",
    response={201: DossierOut, 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem},
    summary="Receive a dossier",
)
def dossiers_receive(
    request: HttpRequest, payload: ReceptionIn, idempotency_key: str | None = IdempotencyKey
) -> HttpResponse:
    """Register a complete dossier at a receiving point the caller works at: it gets its code and appointment.

    Answers 201 with the dossier and its URL in `Location`. Codes that name nothing are 422; rules of the domain
    (a mandatory checklist item missing, an ID number of the wrong shape, a post return without address…) are 400.
    """
    user = caller(request)

    def receive() -> Outcome:
        dossier = dossier_receive(reception=reception_from(payload, user=user), actor=user)
        location = request.build_absolute_uri(f"{request.path.rstrip('/')}/{quote(dossier.code)}")
        return rendered(request, dossier, status=201, headers={"Location": location})

    return respond_once(request, user=user, key=idempotency_key, perform=receive)
