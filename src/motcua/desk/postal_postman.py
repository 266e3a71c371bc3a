"""The postman's phone page: today's pickups and deliveries assigned to me, and one report per order.

A report names the state the page showed (``expected_status``). An order that has moved since (the
carrier's event, a supervisor) is answered with what it is now, nothing done and nothing typed lost.
Orders of another postman, and my orders once closed, answer 404, like numbers that do not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.agencies.models import Role
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.postal.models import OrderKind, OrderStatus, Payer, PostalOrder, Signer
from motcua.postal.papers import pickup_receipt_pdf
from motcua.postal.selectors import orders_open_for_postman
from motcua.postal.services.delivery import DELIVERY_EVENTS
from motcua.postal.services.delivery import delivery_apply as _delivery_apply
from motcua.postal.services.pickup import pickup_collect, pickup_slip_given

from .access import roles_required
from .postal_forms import CollectForm, DeliveredForm, FailedForm, ReportForm
from .postal_query import postman_done_today, postman_slips_to_give, postman_today
from .slips import pdf_response


@dataclass(frozen=True)
class Report:
    slug: str
    kind: OrderKind
    event: str  # a delivery event, or "collect"
    title: str | Promise
    form: type[ReportForm]


REPORTS = {
    r.slug: r
    for r in (
        Report("thu-gom", OrderKind.PICKUP, "collect", gettext_lazy("Collected"), CollectForm),
        Report("dang-giao", OrderKind.DELIVERY, "out_for_delivery", gettext_lazy("Out for delivery"), ReportForm),
        Report("da-giao", OrderKind.DELIVERY, "delivered", gettext_lazy("Delivered"), DeliveredForm),
        Report("khong-giao-duoc", OrderKind.DELIVERY, "attempt_failed", gettext_lazy("Failed attempt"), FailedForm),
    )
}


def report_allowed(order: PostalOrder, report: Report) -> bool:
    if order.kind != report.kind:
        return False
    if report.event == "collect":
        return order.status == OrderStatus.ASSIGNED
    return order.status in DELIVERY_EVENTS[report.event][0]


def _my_order_or_404(request: HttpRequest, number: str) -> PostalOrder:
    """One of my open orders (docs/domain.md, "The postman sees his orders only"); else 404 like a wrong number."""
    order = (
        orders_open_for_postman(user=request.user)
        .select_related("procedure_version", "receiving_point", "commune", "dossier")
        .filter(tracking_number=number)
        .first()
    )
    if order is None:
        raise Http404
    return order


@require_GET
@roles_required([Role.POSTMAN])
def postman_home(request: HttpRequest) -> HttpResponse:
    orders = postman_today(user=request.user)
    cards = [{"order": o, "reports": [r for r in REPORTS.values() if report_allowed(o, r)]} for o in orders]
    context = {
        "cards": cards,
        "slips": postman_slips_to_give(user=request.user),
        "done": postman_done_today(user=request.user).count(),
        "today": local_date(),
    }
    return render(request, "desk/postal/postman.html", context)


@require_GET
@roles_required([Role.POSTMAN])
def postman_receipt(request: HttpRequest, number: str) -> HttpResponse:
    """The receipt for the fees and postage collected at the door, to print or show on the phone."""
    order = _my_order_or_404(request, number)
    if order.kind != OrderKind.PICKUP or order.status not in (OrderStatus.COLLECTED, OrderStatus.HANDED_OVER):
        raise Http404
    return pdf_response(pickup_receipt_pdf(order), filename=f"bien-lai-{order.tracking_number}.pdf")


@require_POST
@roles_required([Role.POSTMAN])
def postman_slip_given(request: HttpRequest, number: str) -> HttpResponse:
    """Slip 01 was handed to the applicant: the pickup closes (and the postman's access to its dossier)."""
    order = _my_order_or_404(request, number)
    try:
        pickup_slip_given(order=order, postman=request.user)
    except ApplicationError as error:
        messages.error(request, error.render(get_language() or "vi"))
    else:
        messages.success(request, _("%(number)s: slip 01 given to the applicant.") % {"number": order.tracking_number})
    return redirect("desk:postman")


def _form(report: Report, order: PostalOrder, data: object = None) -> ReportForm:
    initial: dict[str, object] = {"expected_status": order.status}
    if report.form is CollectForm:
        postage_due = order.postage if order.postage_payer == Payer.APPLICANT else 0
        # The papers start unticked: the postman ticks what they hold in their hand.
        initial.update(fees_paid=order.fees_to_collect, postage_paid=postage_due)
        return CollectForm(data, order=order, initial=initial)  # type: ignore[arg-type]
    return report.form(data, initial=initial)  # type: ignore[arg-type]


def _act(*, report: Report, order: PostalOrder, form: ReportForm, user: object) -> bool:
    """Call the service; False when the order is no longer where the report expects it."""
    now = timezone.now()
    data = form.cleaned_data
    if report.event == "collect":
        assert isinstance(form, CollectForm)
        pickup_collect(
            order=order,
            postman=user,
            components=form.received(),
            fees_paid=data["fees_paid"],
            postage_paid=data["postage_paid"],
            seal_number=data["seal_number"],
            signatures={Signer.POSTMAN: data["signature_postman"], Signer.APPLICANT: data["signature_applicant"]},
            at=now,
        )
        return True
    details: dict[str, object] = {}
    if report.event == "delivered":
        details = {
            key: data[key]
            for key in (
                "recipient_name",
                "recipient_id_number",
                "identity_checked",
                "recipient_relation",
                "recipient_authorization",
            )
        }
    elif report.event == "attempt_failed":
        details = {"reason": data["reason"]}
    return _delivery_apply(order=order, kind=report.event, at=now, details=details, actor=user)


def _stale(form: ReportForm, order: PostalOrder) -> ReportForm:
    """The same typed values, now expecting the order's current state, with a message saying what happened."""
    order.refresh_from_db()
    posted = form.data.copy()  # type: ignore[attr-defined]
    posted["expected_status"] = order.status
    again = type(form)(posted, **({"order": order} if isinstance(form, CollectForm) else {}))  # type: ignore[arg-type]
    again.is_valid()
    again.add_error(
        None,
        _("This order has moved since the page was opened: it is now “%(status)s”. Nothing was recorded.")
        % {"status": order.get_status_display()},
    )
    return again


@require_http_methods(["GET", "POST"])
@roles_required([Role.POSTMAN])
def postman_report(request: HttpRequest, number: str, slug: str) -> HttpResponse:
    report = REPORTS.get(slug)
    order = _my_order_or_404(request, number)
    if report is None or report.kind != order.kind:
        raise Http404
    form = _form(report, order, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["expected_status"] != order.status:
            form = _stale(form, order)
        else:
            try:
                done = _act(report=report, order=order, form=form, user=request.user)
            except ApplicationError as error:
                if error.code == "postal_order_wrong_status":
                    form = _stale(form, order)
                else:
                    form.add_service_error(error)
            else:
                if done:
                    messages.success(
                        request, _("%(number)s: %(what)s.") % {"number": order.tracking_number, "what": report.title}
                    )
                    return redirect("desk:postman")
                form = _stale(form, order)
    context = {"order": order, "report": report, "form": form, "allowed": report_allowed(order, report)}
    if isinstance(form, CollectForm):
        context["signature_pads"] = [
            (
                form["signature_postman"],
                _("Postman: %(name)s") % {"name": order.postman.get_full_name() if order.postman else ""},
            ),
            (form["signature_applicant"], _("Applicant: %(name)s") % {"name": order.contact_name}),
        ]
    return render(request, "desk/postal/report.html", context)
