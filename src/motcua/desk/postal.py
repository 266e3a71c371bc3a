"""The postal operations page: the orders of my post offices by state, late pickups, failed deliveries,
counts by commune; assigning a postman, receiving a collected dossier from the postman, labels and the
manifest of results handed to the post. Writes go through ``motcua.postal.services``."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.agencies.models import Role
from motcua.agencies.selectors import receiving_points_for
from motcua.core.errors import ApplicationError
from motcua.postal.labels import label_pdf, manifest_pdf
from motcua.postal.models import OrderKind, OrderStatus
from motcua.postal.papers import paper_rows, pickup_handover_pdf, signatures_for_print
from motcua.postal.services.delivery_assign import delivery_assign
from motcua.postal.services.pickup import pickup_assign, pickup_hand_over

from .access import roles_required
from .postal_forms import AssignForm, HandOverCheckForm, OrderFilterForm
from .postal_query import (
    counts_by_commune,
    in_tab,
    order_in_scope_or_404,
    orders_in_scope,
    postmen_of,
    tabs_for,
)
from .slips import pdf_response

POSTAL_OPS_ROLES = (Role.POSTAL_SUPERVISOR, Role.POSTAL_CLERK, Role.ADMINISTRATOR)
SHOWN = 100
ASSIGNABLE = {
    OrderKind.PICKUP: {OrderStatus.BOOKED, OrderStatus.ASSIGNED},
    OrderKind.DELIVERY: {OrderStatus.CREATED, OrderStatus.ACCEPTED, OrderStatus.ATTEMPT_FAILED},
}


def _back(request: HttpRequest) -> HttpResponseRedirect:
    """Back to the list the form was sent from (its filters and tab kept)."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("desk:postal")
    return redirect(target or reverse("desk:postal"))


@require_GET
@roles_required(POSTAL_OPS_ROLES)
def postal_operations(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    scope = orders_in_scope(user=request.user)
    points = list(receiving_points_for(user=request.user))
    postmen = postmen_of(points=points)
    form = OrderFilterForm(request.GET or None, orders=scope, postmen=postmen)
    filtered = form.apply(scope)
    tab = request.GET.get("tab", "")
    orders = list(in_tab(filtered, tab, now=now).order_by("window_start", "-created_at")[:SHOWN])
    by_point: dict[int, list[Any]] = defaultdict(list)
    for point in points:
        by_point[point.pk] = list(postmen_of(points=[point]))
    rows = [
        {
            "order": o,
            "late": o.kind == OrderKind.PICKUP
            and o.status in (OrderStatus.BOOKED, OrderStatus.ASSIGNED)
            and o.window_end is not None
            and o.window_end < now,
            "assignable": o.status in ASSIGNABLE[OrderKind(o.kind)],
            "postmen": by_point[o.receiving_point_id],
        }
        for o in orders
    ]
    query = request.GET.copy()
    query.pop("tab", None)
    context = {
        "form": form,
        "tabs": tabs_for(filtered, now=now),
        "tab": tab,
        "query": query.urlencode(),
        "rows": rows,
        "shown": SHOWN,
        "communes": counts_by_commune(filtered, now=now),
        "here": request.get_full_path(),
    }
    return render(request, "desk/postal/operations.html", context)


@require_POST
@roles_required(POSTAL_OPS_ROLES)
def postal_assign(request: HttpRequest, number: str) -> HttpResponse:
    order = order_in_scope_or_404(user=request.user, number=number)
    form = AssignForm(request.POST, postmen=postmen_of(points=[order.receiving_point]))
    if not form.is_valid():
        messages.error(request, _("Choose a postman of %(point)s.") % {"point": order.receiving_point.name})
        return _back(request)
    assign = pickup_assign if order.kind == OrderKind.PICKUP else delivery_assign
    try:
        assign(order=order, postman=form.cleaned_data["postman"], actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.render(get_language() or "vi"))
    else:
        postman = form.cleaned_data["postman"]
        messages.success(
            request,
            _("%(number)s given to %(postman)s.")
            % {"number": order.tracking_number, "postman": postman.get_full_name() or postman.get_username()},
        )
    return _back(request)


@require_http_methods(["GET", "POST"])
@roles_required(POSTAL_OPS_ROLES)
def postal_hand_over(request: HttpRequest, number: str) -> HttpResponse:
    """The postman brought the sealed papers: whoever receives at the post office checks the seal and the papers
    against the signed list, then registers the dossier (Circular 17/2017/TT-BTTTT, art. 5)."""
    order = order_in_scope_or_404(user=request.user, number=number)
    if order.kind != OrderKind.PICKUP:
        raise Http404
    form = HandOverCheckForm(request.POST or None)
    if request.method == "POST" and order.status == OrderStatus.HANDED_OVER and order.dossier is not None:
        return redirect("desk:postal_hand_over", number=number)  # a second click: already received
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = pickup_hand_over(
                order=order,
                actor=request.user,
                at=timezone.now(),
                seal_number=data["seal_number"],
                papers_checked=data["papers_checked"],
                note=data["note"],
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("%(number)s received: dossier %(code)s.") % {"number": number, "code": dossier.code}
            )
            return redirect("desk:postal_hand_over", number=number)
        order.refresh_from_db()
    context = {
        "order": order,
        "form": form,
        "papers": paper_rows(order),
        "signatures": signatures_for_print(order),
    }
    return render(request, "desk/postal/hand_over.html", context)


@require_GET
@roles_required(POSTAL_OPS_ROLES)
def postal_handover_record(request: HttpRequest, number: str) -> HttpResponse:
    """The hand-over record of a received pickup, signed by the postman and the one-stop."""
    order = order_in_scope_or_404(user=request.user, number=number)
    if order.kind != OrderKind.PICKUP or order.status != OrderStatus.HANDED_OVER:
        raise Http404
    return pdf_response(pickup_handover_pdf(order), filename=f"bien-ban-giao-nhan-{order.tracking_number}.pdf")


@require_GET
@roles_required(POSTAL_OPS_ROLES)
def postal_label(request: HttpRequest, number: str) -> HttpResponse:
    order = order_in_scope_or_404(user=request.user, number=number)
    return pdf_response(label_pdf(order), filename=f"{order.tracking_number}.pdf", download=True)


@require_POST
@roles_required(POSTAL_OPS_ROLES)
def postal_manifest(request: HttpRequest) -> HttpResponse:
    """The manifest of the selected deliveries; they must leave from one post office."""
    numbers = request.POST.getlist("order")
    orders = list(
        orders_in_scope(user=request.user)
        .filter(kind=OrderKind.DELIVERY, tracking_number__in=numbers)
        .order_by("commune__name", "address")
    )
    if not orders:
        messages.error(request, _("Tick the deliveries to put on the manifest."))
        return _back(request)
    points = {o.receiving_point for o in orders}
    if len(points) > 1:
        messages.error(request, _("A manifest lists the deliveries of one post office: tick those of one only."))
        return _back(request)
    pdf = manifest_pdf(orders, point=points.pop(), actor=request.user)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return pdf_response(pdf, filename=f"bang-ke-{stamp}.pdf", download=True)
