"""The supervisors' page of online payments (docs/payments.md, "Supervision"): the payments of the dossiers
they oversee, with their status, and the gateway messages refused as mismatches."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.agencies.roles import SUPERVISOR_ROLES
from motcua.desk.access import roles_required

from .models import PaymentStatus
from .selectors import payment_mismatches, payments_for_user


@require_GET
@roles_required(SUPERVISOR_ROLES)
def supervision(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in PaymentStatus.values:
        status = ""
    payments = payments_for_user(user=request.user, status=status)
    context = {
        "payments": payments[:200],
        "mismatches": payment_mismatches(payments=payments_for_user(user=request.user))[:100],
        "status": status,
        "statuses": PaymentStatus.choices,
    }
    return render(request, "payments/supervision.html", context)
