"""Reception at the counter: the form, its live parts (the applicant's earlier dossiers, the agencies a point
serves), the slips printed when the dossier cannot be received (02, 03, before any dossier exists), and the
receipt page with slip 01 printed in one click."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.agencies.models import ReceivingPoint
from motcua.agencies.selectors import receiving_points_for
from motcua.core.errors import ApplicationError
from motcua.core.identity import ID_NUMBER
from motcua.documents.models import Document
from motcua.documents.selectors import documents_matching
from motcua.dossiers.models import DossierComponent
from motcua.dossiers.selectors import dossier_components_stored, dossier_list_by_applicant
from motcua.dossiers.services.applicant import applicant_mismatches
from motcua.dossiers.services.receive import dossier_receive
from motcua.dossiers.slips import DRAFT_KINDS, SlipDraft, slip_pdf
from motcua.procedures.models import ProcedureVersion

from .access import COUNTER_ROLES, dossier_or_404, roles_required
from .counter import published_or_404
from .counter_fees import FeeQuoteForm
from .counter_forms import DATE_FORMATS, ReceptionForm, _digits
from .slips import pdf_response
from .training import draft_observed, training_mode

EARLIER_SHOWN = 10


def points_to_receive_at(request: HttpRequest) -> QuerySet[ReceivingPoint]:
    """The active points where the clerk receives: their own (every point for an administrator); in training mode,
    the training points they practise at instead (docs/training.md, "The sandbox")."""
    points = receiving_points_for(user=request.user).filter(is_active=True)
    return points.filter(is_training=training_mode(request)).order_by("name")


def _stored(request: HttpRequest, id_number: str) -> list[DossierComponent]:
    id_number = _digits(id_number)
    if not ID_NUMBER.match(id_number):
        return []
    return list(dossier_components_stored(user=request.user, id_number=id_number)[:50])


def _in_store(request: HttpRequest, version: ProcedureVersion, id_number: str) -> dict[int, list[Document]]:
    """The applicant's documents in the data store that satisfy the checklist, by checklist item."""
    id_number = _digits(id_number)
    if not ID_NUMBER.match(id_number):
        return {}
    return documents_matching(owner_id_number=id_number, version=version, user=request.user)


def _form(request: HttpRequest, version: ProcedureVersion, points: QuerySet[ReceivingPoint]) -> ReceptionForm:
    data = request.POST if request.method == "POST" else None
    id_number = request.POST.get("applicant_id_number", "") if data is not None else request.GET.get("so", "")
    initial = {"submission_key": uuid.uuid4().hex}
    if data is None and id_number:
        initial["applicant_id_number"] = id_number
    return ReceptionForm(
        data,
        request.FILES if data is not None else None,
        initial=initial,
        version=version,
        points=points,
        stored=_stored(request, id_number),
        documents=_in_store(request, version, id_number),
    )


def _no_point(request: HttpRequest, version: ProcedureVersion) -> HttpResponse:
    return render(request, "desk/counter/no_point.html", {"version": version}, status=403)


def _page(request: HttpRequest, version: ProcedureVersion, form: ReceptionForm) -> HttpResponse:
    id_number = str(form["applicant_id_number"].value() or "")
    typed = (str(form["applicant_name"].value() or ""), str(form["applicant_birth_date"].value() or ""))
    context = {
        "version": version,
        "procedure": version.procedure,
        "form": form,
        "stored": list(form.stored.values()),
        **_history(request, id_number, *typed),
    }
    return render(request, "desk/counter/reception.html", context)


@require_http_methods(["GET", "POST"])
@roles_required(COUNTER_ROLES)
def counter_receive(request: HttpRequest, national_code: str) -> HttpResponse:
    """The reception form. Confirmed: the dossier is registered and the receipt page follows. A form sent
    twice (double click, resent) carries the same submission key and receives one dossier."""
    version = published_or_404(national_code)
    points = points_to_receive_at(request)
    if not points.exists():
        return _no_point(request, version)
    form = _form(request, version, points)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = dossier_receive(reception=form.reception(), actor=request.user)
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            return redirect("desk:counter_receipt", code=dossier.code)
    return _page(request, version, form)


def _history(request: HttpRequest, id_number: str, name: str = "", birth_date: str = "") -> dict[str, Any]:
    """The applicant's earlier dossiers the clerk may see, what fills the form in from the latest, and a warning
    when they recorded another name or birth date for this ID number than the one typed (never a refusal)."""
    id_number = _digits(id_number)
    valid = bool(ID_NUMBER.match(id_number))
    earlier = list(dossier_list_by_applicant(user=request.user, id_number=id_number)[:EARLIER_SHOWN]) if valid else []
    context: dict[str, Any] = {"id_number": id_number, "valid": valid, "earlier": earlier, "fill": ""}
    if earlier:
        context["mismatches"] = applicant_mismatches(
            earlier=dossier_list_by_applicant(user=request.user, id_number=id_number),
            name=name,
            birth_date=_date_or_none(birth_date),
        )
    if earlier:
        latest = earlier[0]
        birth = latest.applicant_birth_date
        context["fill"] = json.dumps(
            {
                "id_applicant_name": latest.applicant_name,
                "id_applicant_address": latest.applicant_address,
                "id_applicant_phone": latest.applicant_phone,
                "id_applicant_email": latest.applicant_email,
                "id_applicant_birth_date": birth.strftime("%d/%m/%Y") if birth else "",
            },
            ensure_ascii=False,
        )
    return context


def _date_or_none(value: str) -> date | None:
    """A date typed as on the form (dd/mm/yyyy…), or None when it is not one yet."""
    for pattern in [*DATE_FORMATS, "%Y-%m-%d"]:
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


@require_GET
@roles_required(COUNTER_ROLES)
def counter_applicant(request: HttpRequest, national_code: str) -> HttpResponse:
    """htmx: the applicant's earlier dossiers the clerk may see and their stored papers, with a button that
    fills in name, address and phone; each checklist item's "reuse" list is swapped out of band."""
    version = published_or_404(national_code)
    id_number = request.GET.get("applicant_id_number", "")
    stored = _stored(request, id_number)
    form = ReceptionForm(
        version=version,
        points=points_to_receive_at(request),
        stored=stored,
        documents=_in_store(request, version, id_number),
    )
    typed = (request.GET.get("applicant_name", ""), request.GET.get("applicant_birth_date", ""))
    context = {**_history(request, id_number, *typed), "stored": stored, "form": form, "oob": True}
    return render(request, "desk/counter/_applicant.html", context)


@require_GET
@roles_required(COUNTER_ROLES)
def counter_quote(request: HttpRequest, national_code: str) -> HttpResponse:
    """htmx: the fees (and the postage, when by post) for the choice on the reception form as it stands."""
    version = published_or_404(national_code)
    form = FeeQuoteForm(request.GET, version=version, points=points_to_receive_at(request))
    form.is_valid()
    return render(request, "desk/counter/_fee_quote.html", {"quote_form": form})


@require_GET
@roles_required(COUNTER_ROLES)
def counter_lead_agency(request: HttpRequest, national_code: str) -> HttpResponse:
    """htmx: the lead-agency field for the receiving point chosen (the agencies it serves)."""
    version = published_or_404(national_code)
    form = ReceptionForm(
        initial={"receiving_point": request.GET.get("receiving_point")},
        version=version,
        points=points_to_receive_at(request),
    )
    return render(request, "desk/counter/_lead_agency.html", {"form": form})


def _draft(request: HttpRequest, form: ReceptionForm, kind: str, point: ReceivingPoint) -> SlipDraft | None:
    """The slip's content from the form as it is (valid or not), or None with the error beside its field."""
    form.is_valid()
    data, raw = getattr(form, "cleaned_data", {}), form.data

    def text(name: str) -> str:
        value = data.get(name)
        return str(value if value is not None else raw.get(name, "")).strip()[:500]

    point = data.get("receiving_point") or point
    reasons = text("refusal_reasons") if kind == "03" else ""
    items: list[str] = []
    if kind == "02":
        for component in form.missing:
            items.append(f"{component.name} ({component.get_form_display()}, {component.quantity})")
        items += [line.strip() for line in text("supplement_items").splitlines() if line.strip()]
        if not items:
            form.add_error("supplement_items", _("Name at least one thing to complete."))
            return None
    elif not reasons:
        form.add_error("refusal_reasons", _("Give the reasons for refusing."))
        return None
    return SlipDraft(
        version=form.version,
        point=point,
        applicant_name=text("applicant_name"),
        applicant_kind=text("applicant_kind"),
        applicant_id_number=text("applicant_id_number"),
        applicant_address=text("applicant_address"),
        applicant_phone=text("applicant_phone"),
        applicant_email=text("applicant_email"),
        representative_name=text("representative_name"),
        representative_id_number=text("representative_id_number"),
        representative_address=text("representative_address"),
        representative_phone=text("representative_phone"),
        representative_email=text("representative_email"),
        authorization_document=text("authorization_document"),
        items=tuple(items),
        reasons=reasons,
        official=str(request.user),
        at=timezone.now(),
    )


@require_POST
@roles_required(COUNTER_ROLES)
def counter_draft_slip(request: HttpRequest, national_code: str, kind: str) -> HttpResponse:
    """Slip 02 (what to supplement) or 03 (refusal) for a dossier that is not received: nothing is
    registered. Posted from the reception form, opened in a new tab; an error shows the form again there."""
    if kind not in DRAFT_KINDS:
        raise Http404
    version = published_or_404(national_code)
    points = points_to_receive_at(request)
    first = points.first()
    if first is None:
        return _no_point(request, version)
    form = _form(request, version, points)
    draft = _draft(request, form, kind, first)
    if draft is None:
        return _page(request, version, form)
    draft_observed(request, kind, draft, form)
    name = "bo-sung" if kind == "02" else "tu-choi"
    return pdf_response(slip_pdf(kind=kind, draft=draft), filename=f"phieu-{name}-{national_code}.pdf")


@require_GET
@roles_required(COUNTER_ROLES)
def counter_receipt(request: HttpRequest, code: str) -> HttpResponse:
    """The receipt page: code, appointment, summary, print slip 01 in one click, next dossier."""
    dossier = dossier_or_404(request, code)
    return render(request, "desk/counter/receipt.html", {"dossier": dossier, "components": dossier.components.all()})
