"""The applicant's payment pages, the gateway's notification endpoint and the simulated gateway's page
(docs/payments.md). Thin: parse, call one service, render."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import ApplicationError
from motcua.dossiers.models import Dossier

from . import errors
from .links import payment_link_valid
from .models import PaymentStatus, Source
from .providers import providers
from .providers.simulated import simulated_transaction_get, simulated_transaction_settle
from .selectors import dossier_lines_due, dossier_paid_online, payment_latest
from .services import payment_message_receive, payment_return_receive, payment_start

SESSION_LINK = "payments_link"


def _refused(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    return render(request, "payments/refused.html", {"error": error}, status=error.status)


def _dossier(code: str, token: str) -> Dossier:
    """The dossier the signed link is for; the same refusal for a bad token and for an unknown code, so a
    link reveals nothing about other dossiers."""
    dossier = Dossier.objects.filter(code=code[:60]).first() if payment_link_valid(code=code, token=token) else None
    if dossier is None:
        raise errors.payment_link_invalid()
    return dossier


@require_GET
def pay(request: HttpRequest, code: str) -> HttpResponse:
    token = request.GET.get("t", "")
    try:
        dossier = _dossier(code, token)
    except ApplicationError as error:
        return _refused(request, error)
    request.session[SESSION_LINK] = {"code": dossier.code, "t": token}
    lines = dossier_lines_due(dossier=dossier)
    context = {
        "dossier": dossier,
        "lines": lines,
        "total": sum(line.amount for line in lines),
        "latest": payment_latest(dossier=dossier),
        "paid_online": dossier_paid_online(dossier),
        "token": token,
    }
    return render(request, "payments/pay.html", context)


@require_POST
def pay_start(request: HttpRequest, code: str) -> HttpResponse:
    try:
        dossier = _dossier(code, request.POST.get("t", ""))
        return_url = request.build_absolute_uri(reverse("payments:return", args=[settings.PAYMENT_PROVIDER]))
        _payment, url = payment_start(dossier=dossier, return_url=return_url)
    except ApplicationError as error:
        return _refused(request, error)
    return redirect(url)


@require_GET
def payment_return(request: HttpRequest, provider: str) -> HttpResponse:
    if provider not in providers:
        raise Http404
    payment, said = payment_return_receive(provider_code=provider, params=request.GET.dict())
    link = request.session.get(SESSION_LINK) or {}
    again = ""
    if payment is not None and link.get("code") == payment.dossier.code:
        again = f"{reverse('payments:pay', args=[payment.dossier.code])}?t={link.get('t', '')}"
    confirming = payment is not None and payment.status == PaymentStatus.PENDING and said == PaymentStatus.PAID
    context = {"payment": payment, "said": said, "confirming": confirming, "again": again}
    return render(request, "payments/return.html", context, status=200 if payment is not None else 400)


@csrf_exempt  # server to server, authenticated by the gateway's signature
@require_http_methods(["GET", "POST"])
def ipn(request: HttpRequest, provider: str) -> HttpResponse:
    if provider not in providers:
        raise Http404
    params = (request.POST if request.method == "POST" else request.GET).dict()
    verdict = payment_message_receive(provider_code=provider, params=params, source=Source.IPN)
    return JsonResponse(providers.get(provider).ipn_reply(verdict))


@require_http_methods(["GET", "POST"])
def simulator(request: HttpRequest, reference: str) -> HttpResponse:
    """The simulated gateway's own page: the amount and the buttons Pay / Cancel / Fail. Pressing one settles
    the gateway's record, notifies our IPN handler server-side (through the very function the IPN endpoint
    calls), then sends the browser back with the signed parameters, as a real gateway does."""
    if settings.PAYMENT_PROVIDER != "simulated":
        raise Http404
    try:
        if request.method == "GET":
            return render(
                request, "payments/simulator.html", {"transaction": simulated_transaction_get(reference=reference)}
            )
        action = request.POST.get("action", "")
        params, back = simulated_transaction_settle(reference=reference, action=action)
    except ApplicationError as error:
        return _refused(request, error)
    if action != "pay_lost":  # "paid, but the notification is lost": the reconciliation must find it
        payment_message_receive(provider_code="simulated", params=params, source=Source.IPN)
    return redirect(back)
