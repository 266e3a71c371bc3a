"""The public dossier lookup: the code and the secret printed on the receipt (its QR code opens this page with
both filled in) show where the dossier stands. No sign-in, and nothing personal beyond the procedure's name.

A postal order is looked up the same way by its tracking number (``van-don``; the pickup label's QR opens
the page with it filled in) and the last 6 digits of the contact's phone (``sdt``): its status, its events,
and the dossier's public status once the one-stop has received it. A dossier's answer lists the events of
its result's delivery too.

A wrong code and a wrong secret (or tracking number and phone digits) answer alike, whether or not the dossier
exists. Wrong attempts are counted per client address (behind a trusted proxy, the address it passes on:
``motcua.core.client_address``) and per dossier code or tracking number, whether or not it exists; past
``LOOKUP_MAX_FAILURES`` in ``LOOKUP_WINDOW_SECONDS`` on either count, the lookup stops answering for the rest of
the window. So codes cannot be enumerated from one address, nor one code's secret guessed from many
(docs/access.md, "The public lookup").
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from motcua.core.client_address import client_address
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.lookup_secrets import lookup_secret_normalize
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.selectors import dossier_get_for_lookup
from motcua.dossiers.supplements import SupplementRequest, supplement_request_open
from motcua.postal.models import OrderKind, OrderStatus, PostalOrder

LOOKUP_MAX_FAILURES = 10
LOOKUP_WINDOW_SECONDS = 10 * 60
# How many of the contact phone's last digits open a postal order's tracking: the first digits of a Vietnamese
# number name the carrier and say little, the last 6 are the subscriber's and near-uniform, so one guess in a
# million is right; with the per-number count above, one order takes years to guess (docs/access.md).
PHONE_DIGITS = 6

# Where the dossier stands, said to the applicant.
PUBLIC_STATUS: dict[str, Promise] = {
    Status.RECEIVED: _("Received; being handed to the competent agency"),
    Status.IN_PROCESS: _("Being processed by the competent agency"),
    Status.SUPPLEMENT_REQUESTED: _("Waiting for you to complete the dossier (see the notice you received)"),
    Status.OBLIGATION_REQUESTED: _("Waiting for fees or taxes to be paid (see the notice you received)"),
    Status.REFUSED: _("Not accepted (see the refusal slip)"),
    Status.WITHDRAWN: _("Processing stopped at your request"),
    Status.STOPPED: _("Processing stopped (see the notice you received)"),
    Status.APPROVED: _("Processed; the result is on its way to the counter"),
    Status.NOT_APPROVED: _("Processed; the written answer is on its way to the counter"),
    Status.RESULT_AT_COUNTER: _("The result is ready: collect it at the counter with your receipt and identity paper"),
    Status.RESULT_WITH_POST: _("The result has been handed to the post for delivery to your address"),
    Status.RETURNED: _("The result has been returned"),
}
READY = frozenset({Status.RESULT_AT_COUNTER, Status.RESULT_WITH_POST, Status.RETURNED})
# An electronic result is not collected at a counter: the applicant downloads it.
ELECTRONIC_READY = _("The signed electronic result is ready: download it from My dossiers")


def public_status(dossier: Dossier, status: str | None = None) -> Promise | str:
    """Where ``dossier`` stands (or stood, at ``status``), said to the applicant, as their result is returned."""
    status = status or dossier.status
    if status == Status.RESULT_AT_COUNTER and dossier.return_method == ReturnMethod.ELECTRONIC:
        return ELECTRONIC_READY
    return PUBLIC_STATUS.get(status, dossier.get_status_display() if status == dossier.status else status)


# A code typed from paper: no autocompletion nor spelling help, capitals on phones.
CODE_INPUT = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "class": "code"}


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Dossier code"),
        max_length=60,
        error_messages={"required": _("Enter the dossier code printed on your receipt.")},
        widget=forms.TextInput(attrs=CODE_INPUT),
    )
    k = forms.CharField(
        label=_("Lookup secret"),
        max_length=24,
        error_messages={"required": _("Enter the lookup secret printed beside the QR code.")},
        widget=forms.TextInput(attrs=CODE_INPUT),
    )


@dataclass(frozen=True)
class LookupAnswer:
    """What the page shows about a dossier: nothing that names or locates the applicant."""

    code: str
    procedure: str
    status: str
    status_text: Promise | str
    received_at: object
    appointment_at: object
    result_ready: bool
    returned_at: object
    point: str
    # While a supplement is asked for: what to hand in and why, who asked and when (docs/domain.md, "The
    # counter and the public lookup").
    supplement: SupplementRequest | None = None

    @classmethod
    def of(cls, dossier: Dossier) -> LookupAnswer:
        return cls(
            supplement=supplement_request_open(dossier=dossier),
            code=dossier.code,
            procedure=dossier.procedure_version.name or dossier.procedure_version.procedure.name,
            status=dossier.status,
            status_text=public_status(dossier),
            received_at=dossier.received_at,
            appointment_at=dossier.appointment_at,
            result_ready=dossier.status in READY,
            returned_at=dossier.returned_at,
            point=dossier.receiving_point.name,
        )


# Where a postal order stands, said to the applicant.
ORDER_STATUS: dict[str, Promise] = {
    OrderStatus.BOOKED: _("Pickup booked; a postman will be assigned"),
    OrderStatus.ASSIGNED: _("A postman is assigned and will come in the window you chose"),
    OrderStatus.COLLECTED: _("The postman has collected the dossier; it is on its way to the one-stop"),
    OrderStatus.HANDED_OVER: _("Handed over: the one-stop has received the dossier"),
    OrderStatus.CREATED: _("The result is being handed to the post"),
    OrderStatus.ACCEPTED: _("The post has accepted the result for delivery"),
    OrderStatus.OUT_FOR_DELIVERY: _("Out for delivery to your address"),
    OrderStatus.ATTEMPT_FAILED: _("A delivery attempt failed; the postman will try again"),
    OrderStatus.DELIVERED: _("Delivered"),
    OrderStatus.RETURNED_TO_COUNTER: _("Not delivered: the result is back at the counter, collect it there"),
    OrderStatus.CANCELLED: _("Cancelled"),
}
# What a carrier's tracking event says (``postal.carriers.base.EVENT_KINDS``).
EVENT_TEXT: dict[str, Promise] = {
    "accepted": _("Accepted by the post"),
    "out_for_delivery": _("Out for delivery"),
    "attempt_failed": _("Delivery attempt failed"),
    "delivered": _("Delivered"),
    "returned_to_counter": _("Returned to the counter after the last attempt"),
}
TRACKING_NUMBER = re.compile(r"^[A-Z0-9]{8,40}$")


class TrackingForm(forms.Form):
    """Tracking number and the last 6 digits of the contact's phone; the number's field is sent as ``van-don``."""

    van_don = forms.CharField(
        label=_("Tracking number"),
        max_length=40,
        error_messages={"required": _("Enter the tracking number printed on the label or the booking.")},
        widget=forms.TextInput(attrs=CODE_INPUT),
    )
    sdt = forms.CharField(
        label=_("Last 6 digits of the phone"),
        min_length=PHONE_DIGITS,
        max_length=PHONE_DIGITS,
        error_messages={
            "required": _("Enter the last 6 digits of the phone number given when booking."),
            "min_length": _("Enter exactly 6 digits."),
            "max_length": _("Enter exactly 6 digits."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "pattern": "[0-9]{6}"}),
    )

    def add_prefix(self, field_name: str) -> str:
        return super().add_prefix(field_name).replace("_", "-")

    def clean_van_don(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data["van_don"]).upper()

    def clean_sdt(self) -> str:
        value = self.cleaned_data["sdt"].strip()
        if not value.isdigit():
            raise forms.ValidationError(_("Enter exactly 6 digits."), code="digits")
        return value


@dataclass(frozen=True)
class TrackingStep:
    at: datetime
    text: Promise | str


@dataclass(frozen=True)
class TrackingAnswer:
    """What the page shows about a postal order: its state and events, never the contact or the address."""

    number: str
    kind: Promise | str
    procedure: str
    status_text: Promise | str
    window_start: datetime | None
    window_end: datetime | None
    steps: list[TrackingStep]
    dossier: LookupAnswer | None

    @classmethod
    def of(cls, order: PostalOrder, *, with_dossier: bool = True) -> TrackingAnswer:
        version = order.procedure_version or (order.dossier.procedure_version if order.dossier else None)
        steps: list[TrackingStep] = []
        if order.kind == OrderKind.PICKUP:
            steps.append(TrackingStep(order.created_at, _("Pickup booked")))
            if order.done_at is not None:
                steps.append(TrackingStep(order.done_at, _("Dossier collected at home by the postman")))
            if order.dossier is not None:
                steps.append(TrackingStep(order.dossier.received_at, _("Dossier handed to the one-stop and received")))
        else:
            steps.append(TrackingStep(order.created_at, _("Result handed to the post")))
        # Applied events only: a stale or rejected report is not what happened to the parcel.
        for event in order.events.filter(applied=True).order_by("at", "pk"):
            steps.append(TrackingStep(event.at, EVENT_TEXT.get(event.kind, event.kind)))
        steps.sort(key=lambda step: step.at)
        return cls(
            number=order.tracking_number,
            kind=OrderKind(order.kind).label,
            procedure=(version.name or version.procedure.name) if version is not None else "",
            status_text=ORDER_STATUS.get(order.status, order.get_status_display()),
            window_start=order.window_start,
            window_end=order.window_end,
            steps=steps,
            dossier=LookupAnswer.of(order.dossier) if with_dossier and order.dossier is not None else None,
        )


def _order_for_lookup(*, number: str, phone_digits: str) -> PostalOrder | None:
    """The order with this tracking number whose contact's phone ends with these digits, else ``None``."""
    if not TRACKING_NUMBER.match(number):
        return None
    order = (
        PostalOrder.objects.select_related(
            "procedure_version__procedure", "dossier__procedure_version__procedure", "dossier__receiving_point"
        )
        .filter(tracking_number=number)
        .first()
    )
    stored = re.sub(r"\D", "", order.contact_phone)[-PHONE_DIGITS:] if order is not None else "?" * PHONE_DIGITS
    if not hmac.compare_digest(stored.encode(), phone_digits.encode()) or order is None:
        return None
    return order


def delivery_of(dossier: Dossier) -> TrackingAnswer | None:
    order = (
        PostalOrder.objects.filter(dossier=dossier, kind=OrderKind.DELIVERY)
        .exclude(status=OrderStatus.CANCELLED)
        .select_related("dossier__procedure_version__procedure", "dossier__receiving_point")
        .first()
    )
    return TrackingAnswer.of(order, with_dossier=False) if order is not None else None


def _failure_keys(request: HttpRequest, target: str) -> tuple[str, str]:
    """The two counts a wrong attempt adds to: the client's address and the code (or tracking number) tried,
    hashed so that any input makes a valid cache key."""
    digest = hashlib.sha256(target.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"portal:lookup:failures:{client_address(request)}", f"portal:lookup:failures:target:{digest}"


def _blocked(request: HttpRequest, target: str) -> bool:
    counts = cache.get_many(list(_failure_keys(request, target)))
    return any(int(count) >= LOOKUP_MAX_FAILURES for count in counts.values())


def _count_failure(request: HttpRequest, target: str) -> None:
    for key in _failure_keys(request, target):
        # The window starts with the first failure and is not extended by the next ones.
        cache.add(key, 0, timeout=LOOKUP_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=LOOKUP_WINDOW_SECONDS)


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    """GET ``?ma=<code>&k=<secret>``: the QR code on the receipt opens this page with both filled in.
    GET ``?van-don=<number>&sdt=<6 digits>``: a postal order; the label's QR gives only the number."""
    tracking = "van-don" in request.GET
    form = LookupForm(request.GET if not tracking and ("ma" in request.GET or "k" in request.GET) else None)
    tracking_form = TrackingForm(
        request.GET if tracking and "sdt" in request.GET else None, initial={"van_don": request.GET.get("van-don", "")}
    )
    context: dict[str, object] = {"form": form, "tracking_form": tracking_form, "tracking": tracking}
    status = 200
    if tracking_form.is_bound and tracking_form.is_valid():
        number = tracking_form.cleaned_data["van_don"]
        if _blocked(request, number):
            context["blocked"] = True
            status = 429
        else:
            order = _order_for_lookup(number=number, phone_digits=tracking_form.cleaned_data["sdt"])
            if order is None:
                _count_failure(request, number)
                context["tracking_not_found"] = True
            else:
                context["order"] = TrackingAnswer.of(order)
    elif form.is_bound and form.is_valid():
        code = form.cleaned_data["ma"].strip().upper()
        if _blocked(request, code):
            context["blocked"] = True
            status = 429
        else:
            dossier = dossier_get_for_lookup(code=code, secret=lookup_secret_normalize(form.cleaned_data["k"]))
            if dossier is None:
                _count_failure(request, code)
                context["not_found"] = True
            else:
                context["answer"] = LookupAnswer.of(dossier)
                context["delivery"] = delivery_of(dossier)
    response = render(request, "portal/lookup.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
