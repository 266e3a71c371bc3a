"""Booking a home pickup of a dossier (issue 6): the citizen on the portal, or a clerk from the counter.

Two steps on one form: *Check the price* validates what was typed and shows the postage and the fees;
*Confirm the booking* calls ``pickup_book`` and redirects to the confirmation (tracking number and the
checklist to prepare). No sign-in for the citizen. Protection: CSRF, a honeypot field, and at most
``BOOKING_MAX`` bookings per client address in ``BOOKING_WINDOW_SECONDS`` (counted in the cache; a robot
tripping the honeypot counts too). Counter staff are not throttled and book as themselves.

Which post office receives the dossier (kept simple on purpose):
- counter staff: their own active point (the one in the address's province first);
- a citizen: an active point in the province of the address that serves at least one agency, post
  offices first, then one in the address's own commune, then by code.
The lead agency (to which the fees are owed) is the only agency the point serves, else the one whose name
shares most words with the procedure's competent agency, else the first by code; the clerk who receives
the hand-over may change it (``pickup_hand_over(lead_agency=...)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.agencies.models import Agency, ReceivingPoint, ReceivingPointKind
from motcua.agencies.roles import COUNTER_ROLES
from motcua.agencies.selectors import receiving_points_for, user_has_role
from motcua.core.errors import ApplicationError
from motcua.core.parcels import DEFAULT_PARCEL_WEIGHT_GRAMS
from motcua.core.text import fold
from motcua.core.throttle import ClientThrottle
from motcua.desk.counter_forms import add_service_error
from motcua.dossiers.services.receive import version_parts
from motcua.localities.models import Commune
from motcua.postal.models import PostalOrder
from motcua.postal.services.common import postage_for
from motcua.postal.services.pickup import pickup_book
from motcua.procedures.fee_forms import add_fee_fields, chosen_lines, quote_fees
from motcua.procedures.fees import fee_choices
from motcua.procedures.models import ProcedureVersion
from motcua.procedures.selectors import procedure_get_published

from .booking_forms import INPUTS, PickupBookingForm, commune_matches

BOOKING_MAX = 5
BOOKING_WINDOW_SECONDS = 60 * 60
BOOKING_THROTTLE = ClientThrottle("portal-booking", BOOKING_MAX, BOOKING_WINDOW_SECONDS)
BOOKED_SALT = "motcua.portal.pickup-booked"
BOOKED_MAX_AGE = 24 * 60 * 60


@dataclass(frozen=True)
class PickupQuote:
    point: ReceivingPoint
    lead_agency: Agency
    postage: int
    payer: str
    fees: int

    @property
    def to_pay(self) -> int:
        return (self.postage if self.payer == "applicant" else 0) + self.fees


# --- where and for whom ----------------------------------------------------------------------------


def _is_counter_staff(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated) and user_has_role(user=user, roles=COUNTER_ROLES)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(text).replace("ubnd", "uy ban nhan dan")))


def _lead_agency(point: ReceivingPoint, version: ProcedureVersion) -> Agency | None:
    served = list(point.serves.order_by("code"))
    if len(served) <= 1:
        return served[0] if served else None
    authority = _words(version.competent_authority)
    scored = sorted(served, key=lambda agency: -len(authority & _words(agency.name)))
    return scored[0]  # sorted() is stable: ties keep the order by code


def _points(request: HttpRequest, commune: Commune, *, staff: bool) -> QuerySet[ReceivingPoint]:
    base = receiving_points_for(user=request.user) if staff else ReceivingPoint.objects.all()
    points = base.filter(is_active=True, serves__isnull=False).distinct()
    if not staff:
        points = points.filter(commune__province_id=commune.province_id)
    return points.annotate(
        in_province=Case(When(commune__province_id=commune.province_id, then=Value(0)), default=Value(1)),
        post=Case(When(kind=ReceivingPointKind.POST_OFFICE, then=Value(0)), default=Value(1)),
        here=Case(When(commune_id=commune.pk, then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by("in_province", "post", "here", "code")


def pickup_quote(
    request: HttpRequest, *, version: ProcedureVersion, commune: Commune, form: PickupBookingForm
) -> PickupQuote | None:
    """The point, the lead agency and the money; ``None`` (with an error on the form) when not possible."""
    point = _points(request, commune, staff=_is_counter_staff(request)).first()
    lead = _lead_agency(point, version) if point is not None else None
    if point is None or lead is None:
        form.add_error(None, _("No post office serves this address for home pickups yet. Please come to a counter."))
        return None
    weight = DEFAULT_PARCEL_WEIGHT_GRAMS
    try:
        postage = postage_for(
            point=point, commune=commune, service="standard", weight_grams=weight, on=form.cleaned_data["window_start"]
        )
    except ApplicationError as error:
        form.add_error(None, error.render(get_language()))
        return None
    fees = quote_fees(form, fee_choices(version_parts(version).fees), form.cleaned_data)
    if fees is None:
        return None
    return PickupQuote(point=point, lead_agency=lead, postage=postage.price, payer=postage.payer, fees=fees.total)


# --- pages -----------------------------------------------------------------------------------------


def _version(national_code: str) -> ProcedureVersion:
    try:
        version = procedure_get_published(national_code=national_code)
    except ApplicationError as error:
        if error.code == "procedure_not_found":
            raise Http404(error.render(get_language())) from error
        raise
    if not version.postal_pickup:
        raise Http404("no postal submission for this procedure")
    return version


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def pickup_booking(request: HttpRequest, national_code: str) -> HttpResponse:
    """GET: the empty form. POST: check and quote; POST with ``confirm``: book, then redirect."""
    version = _version(national_code)
    staff = _is_counter_staff(request)
    form = PickupBookingForm(request.POST if request.method == "POST" else None)
    # The citizen says which line of the fees applies to them and which copies they ask for: nothing
    # optional is charged by default (docs/domain.md, "Fees and postage").
    choices = fee_choices(version_parts(version).fees)
    add_fee_fields(form, choices, exemption=False)
    context: dict[str, Any] = {
        "version": version,
        "procedure": version.procedure,
        "form": form,
        "staff": staff,
        "fee_fields": [form[name] for name in form.fields if name.startswith("fee_")],
    }
    if request.method != "POST":
        return _render(request, "portal/booking.html", context)
    if not staff and BOOKING_THROTTLE.blocked(request):
        context["blocked"] = True
        return _render(request, "portal/booking.html", context, status=429)
    if form.is_robot:
        BOOKING_THROTTLE.count(request)
        context["refused"] = True
        return _render(request, "portal/booking.html", context, status=400)
    if not form.is_valid() or form.chosen_commune is None:
        return _render(request, "portal/booking.html", context)
    quote = pickup_quote(request, version=version, commune=form.chosen_commune, form=form)
    context["quote"] = quote
    if quote is None or "confirm" not in request.POST:
        return _render(request, "portal/booking.html", context)
    data = form.cleaned_data
    try:
        order = pickup_book(
            version=version,
            point=quote.point,
            lead_agency=quote.lead_agency,
            contact_name=data["contact_name"],
            contact_id_number=data["contact_id_number"],
            contact_phone=data["contact_phone"],
            address=data["address"],
            commune=form.chosen_commune,
            window_start=data["window_start"],
            window_end=data["window_end"],
            actor=request.user if staff else None,
            return_by_post=bool(data.get("return_by_post")),
            fee_lines=chosen_lines(data, choices),
        )
    except ApplicationError as error:
        add_service_error(form, error, INPUTS)
        context["quote"] = None
        return _render(request, "portal/booking.html", context)
    if not staff:
        BOOKING_THROTTLE.count(request)
    token = signing.dumps(order.tracking_number, salt=BOOKED_SALT)
    url = reverse("portal:pickup_booked", args=[version.procedure.national_code])
    return HttpResponseRedirect(f"{url}?t={token}")


@require_GET
def pickup_booked(request: HttpRequest, national_code: str) -> HttpResponse:
    """The confirmation, reached only through the signed link the booking redirects to."""
    try:
        number = signing.loads(request.GET.get("t", ""), salt=BOOKED_SALT, max_age=BOOKED_MAX_AGE)
    except signing.BadSignature as error:
        raise Http404("unknown booking") from error
    order = (
        PostalOrder.objects.select_related("procedure_version__procedure", "receiving_point", "commune__province")
        .filter(tracking_number=number, procedure_version__procedure__national_code=national_code)
        .first()
    )
    if order is None or order.procedure_version is None:
        raise Http404("unknown booking")
    version = order.procedure_version
    context = {"order": order, "version": version, "procedure": version.procedure, "staff": _is_counter_staff(request)}
    return _render(request, "portal/booking_done.html", context)


@require_GET
def pickup_communes(request: HttpRequest) -> HttpResponse:
    """htmx: the communes of today's map matching ``commune_q``, as radio buttons for the form."""
    query = request.GET.get("commune_q", "")[:100]
    return _render(request, "portal/booking_communes.html", {"suggestions": commune_matches(query), "query": query})
