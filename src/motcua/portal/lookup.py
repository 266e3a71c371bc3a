"""The public dossier lookup: the code and the secret printed on the receipt (its QR code opens this page with
both filled in) show where the dossier stands. No sign-in, and nothing personal beyond the procedure's name.

A wrong code and a wrong secret answer alike, whether or not the dossier exists; wrong attempts are counted
per client address and, past ``LOOKUP_MAX_FAILURES`` in ``LOOKUP_WINDOW_SECONDS``, the lookup stops answering
for the rest of the window, so codes cannot be enumerated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_get_for_lookup

LOOKUP_MAX_FAILURES = 10
LOOKUP_WINDOW_SECONDS = 10 * 60

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


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Dossier code"),
        max_length=60,
        error_messages={"required": _("Enter the dossier code printed on your receipt.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "class": "code"}
        ),
    )
    k = forms.CharField(
        label=_("Lookup secret"),
        max_length=16,
        error_messages={"required": _("Enter the lookup secret printed beside the QR code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "class": "code"}
        ),
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

    @classmethod
    def of(cls, dossier: Dossier) -> LookupAnswer:
        return cls(
            code=dossier.code,
            procedure=dossier.procedure_version.name or dossier.procedure_version.procedure.name,
            status=dossier.status,
            status_text=PUBLIC_STATUS.get(dossier.status, dossier.get_status_display()),
            received_at=dossier.received_at,
            appointment_at=dossier.appointment_at,
            result_ready=dossier.status in READY,
            returned_at=dossier.returned_at,
            point=dossier.receiving_point.name,
        )


def _client(request: HttpRequest) -> str:
    # The address the server sees; behind a reverse proxy, the proxy must pass the client's (REMOTE_ADDR).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _failures_key(request: HttpRequest) -> str:
    return f"portal:lookup:failures:{_client(request)}"


def _blocked(request: HttpRequest) -> bool:
    return int(cache.get(_failures_key(request), 0)) >= LOOKUP_MAX_FAILURES


def _count_failure(request: HttpRequest) -> None:
    key = _failures_key(request)
    # The window starts with the first failure and is not extended by the next ones.
    cache.add(key, 0, timeout=LOOKUP_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=LOOKUP_WINDOW_SECONDS)


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    """GET ``?ma=<code>&k=<secret>``: the QR code on the receipt opens this page with both filled in."""
    form = LookupForm(request.GET if ("ma" in request.GET or "k" in request.GET) else None)
    context: dict[str, object] = {"form": form}
    status = 200
    if form.is_bound and form.is_valid():
        if _blocked(request):
            context["blocked"] = True
            status = 429
        else:
            dossier = dossier_get_for_lookup(code=form.cleaned_data["ma"], secret=form.cleaned_data["k"])
            if dossier is None:
                _count_failure(request)
                context["not_found"] = True
            else:
                context["answer"] = LookupAnswer.of(dossier)
    response = render(request, "portal/lookup.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
