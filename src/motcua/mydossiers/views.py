"""The citizen's pages under /cong-dan/ (docs/my-dossiers.md). Every page needs a signed-in citizen
(``citizen_required``) and reads dossiers and documents through ``citizens.selectors``: another person's answers 404.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.agencies.models import ReceivingPoint
from motcua.citizens.access import citizen_required, request_citizen
from motcua.citizens.selectors import citizen_documents, citizen_dossier
from motcua.core.errors import ApplicationError
from motcua.desk.files import stored_file_response
from motcua.desk.slips import pdf_response
from motcua.documents.consent import data_store_consent_set, data_store_consents, reuse_needs_consent
from motcua.documents.results import result_document_check
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.slips import SlipUnavailable, slip_pdf
from motcua.localities.models import Commune
from motcua.payments.links import payment_link_path
from motcua.portal.lookup import READY

from . import selectors, services
from .forms import ConsentForm, DeliveryForm, ReturnChoiceForm, StopForm, SupplementForm


def _dossier_or_404(request: HttpRequest, code: str) -> Dossier:
    dossier = citizen_dossier(request_citizen(request), code)
    if dossier is None:
        raise Http404
    return dossier


def _refused(form: forms.Form, error: ApplicationError) -> None:
    """The service's refusal beside the field it concerns, else above the form."""
    name = error.field.replace(".", "_")
    form.add_error(name if name in form.fields else None, error.render())


@require_GET
@citizen_required
def home(request: HttpRequest) -> HttpResponse:
    account = request_citizen(request)
    context = {
        "account": account,
        "cards": selectors.dossier_cards(account=account),
        "appointments": selectors.upcoming_appointments(account=account),
        "pickups": selectors.pickup_orders(account=account),
    }
    return render(request, "mydossiers/home.html", context)


def _detail(request: HttpRequest, dossier: Dossier, *, status: int = 200, **forms_: forms.Form) -> HttpResponse:
    account = request_citizen(request)
    view = selectors.dossier_view(account=account, dossier=dossier)
    context: dict[str, Any] = {
        "view": view,
        "dossier": dossier,
        "answer": view.answer,
        "pay_url": payment_link_path(code=dossier.code) if view.due else "",
        "supplement_form": forms_.get("supplement_form") or SupplementForm(),
        "stop_form": forms_.get("stop_form") or StopForm(),
        "return_form": forms_.get("return_form") or ReturnChoiceForm(),
        "postal_return": dossier.procedure_version.postal_return,
    }
    return render(request, "mydossiers/dossier.html", context, status=status)


@require_GET
@citizen_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, _dossier_or_404(request, code))


@require_GET
@citizen_required
def dossier_slip(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    dossier = _dossier_or_404(request, code)
    if kind not in selectors.slips_held(dossier):
        raise Http404
    try:
        pdf = slip_pdf(kind=kind, dossier=dossier)
    except SlipUnavailable:
        raise Http404 from None
    return pdf_response(pdf, filename=f"{dossier.code}-mau-{kind}.pdf", download=True)


@require_GET
@citizen_required
def dossier_result(request: HttpRequest, code: str) -> HttpResponseBase:
    """The signed result, once ready; for a result returned electronically the first download records the
    return. A file whose signature does not hold is not handed out."""
    dossier = _dossier_or_404(request, code)
    if dossier.status not in READY or not dossier.result_file:
        raise Http404
    try:
        with dossier.result_file.open("rb") as handle:
            result_document_check(file=handle)
        if dossier.return_method == ReturnMethod.ELECTRONIC:
            services.electronic_result_received(account=request_citizen(request), dossier=dossier)
    except ApplicationError as error:
        messages.error(request, error.render())
        return redirect("mydossiers:dossier", code=dossier.code)
    return stored_file_response(dossier.result_file, filename=f"{dossier.code}-ket-qua.pdf")


@require_POST
@citizen_required
def dossier_supplement(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier_or_404(request, code)
    form = SupplementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.citizen_supplement_submit(
                account=request_citizen(request),
                dossier=dossier,
                files=form.cleaned_data["papers"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Your papers were sent. The one-stop will check them and tell you."))
            return redirect("mydossiers:dossier", code=dossier.code)
    return _detail(request, dossier, status=400, supplement_form=form)


@require_POST
@citizen_required
def dossier_stop(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier_or_404(request, code)
    form = StopForm(request.POST)
    if form.is_valid():
        try:
            services.stop_request_submit(
                account=request_citizen(request), dossier=dossier, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Your request to stop processing was sent to the one-stop."))
            return redirect("mydossiers:dossier", code=dossier.code)
    return _detail(request, dossier, status=400, stop_form=form)


@require_POST
@citizen_required
def dossier_return(request: HttpRequest, code: str) -> HttpResponse:
    """Back to the counter, or electronically."""
    dossier = _dossier_or_404(request, code)
    form = ReturnChoiceForm(request.POST)
    if form.is_valid():
        try:
            services.return_method_choose(
                account=request_citizen(request), dossier=dossier, method=form.cleaned_data["method"]
            )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("How you receive the result was changed."))
            return redirect("mydossiers:dossier", code=dossier.code)
    return _detail(request, dossier, status=400, return_form=form)


@require_http_methods(["GET", "POST"])
@citizen_required
def dossier_delivery(request: HttpRequest, code: str) -> HttpResponse:
    """Delivery of the result by post: the address, then the postage quoted, then the booking confirmed."""
    dossier = _dossier_or_404(request, code)
    account = request_citizen(request)
    form = DeliveryForm(request.POST if request.method == "POST" else None)
    quote: dict[str, Any] | None = None
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                commune = services.commune_on_map(form.cleaned_data["commune"])
                if "confirm" in request.POST:
                    services.delivery_book(
                        account=account,
                        dossier=dossier,
                        address=form.cleaned_data["address"],
                        commune_code=commune.code,
                    )
                    messages.success(request, _("The result will be delivered by post to your address."))
                    return redirect("mydossiers:dossier", code=dossier.code)
                quote = {"commune": commune, "postage": services.delivery_postage(dossier=dossier, commune=commune)}
                status = 200
            except ApplicationError as error:
                _refused(form, error)
    context = {
        "dossier": dossier,
        "form": form,
        "quote": quote,
        "open": dossier.procedure_version.postal_return and selectors.return_change_refusal(dossier=dossier) is None,
        "communes": Commune.objects.filter(province_id=dossier.receiving_point.commune.province_id).order_by("name"),
    }
    return render(request, "mydossiers/delivery.html", context, status=status)


# --- My data store --------------------------------------------------------------------------------------------


def _store_page(request: HttpRequest, *, status: int = 200, error: str = "") -> HttpResponse:
    account = request_citizen(request)
    consents = list(data_store_consents(owner_id_number=account.owner_number))
    context = {
        "documents": selectors.data_store(account=account),
        "consents": consents,
        "everywhere": next((c for c in consents if c.receiving_point_id is None), None),
        "points": ReceivingPoint.objects.filter(is_active=True, is_training=False).order_by("name"),
        "needs_consent": reuse_needs_consent(),
        "error": error,
    }
    return render(request, "mydossiers/data_store.html", context, status=status)


@require_GET
@citizen_required
def data_store(request: HttpRequest) -> HttpResponse:
    return _store_page(request)


@require_GET
@citizen_required
def data_store_document(request: HttpRequest, uid: str) -> HttpResponseBase:
    try:
        key = uuid.UUID(uid)
    except ValueError:
        raise Http404 from None
    document = citizen_documents(request_citizen(request)).filter(uid=key).first()
    if document is None:
        raise Http404
    return stored_file_response(document.file, filename=f"{document.kind or 'tai-lieu'}.pdf")


@require_POST
@citizen_required
def data_store_consent(request: HttpRequest) -> HttpResponse:
    account = request_citizen(request)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return _store_page(request, status=400, error=_("Choose a centre and whether you consent."))
    code = form.cleaned_data["point"].strip()
    point = ReceivingPoint.objects.filter(code=code, is_training=False).first() if code else None
    if code and point is None:
        return _store_page(request, status=400, error=_("No receiving point has this code."))
    data_store_consent_set(
        owner_id_number=account.owner_number, point=point, granted=form.cleaned_data["granted"], actor=request.user
    )
    messages.success(request, _("Your choice was saved."))
    return redirect("mydossiers:data_store")
