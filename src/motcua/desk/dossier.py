"""The dossier page for every desk role: what it is, where its clock stands, its papers, steps and history,
its slips, and a form for each action the viewer may take now (``dossier_allowed_actions``).

Actions post to their own URL with ``expected_seq``; success redirects back (post/redirect/get), an error
re-renders the page with the error beside its field and everything typed kept. A dossier outside the
viewer's scope answers 404, exactly like an unknown code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.selectors import user_has_role
from motcua.core.errors import ApplicationError
from motcua.core.htmx import is_htmx
from motcua.dossiers import errors
from motcua.dossiers.actions import dossier_allowed_actions
from motcua.dossiers.checks import action_refusal
from motcua.dossiers.control import dossier_control_record
from motcua.dossiers.inbox import dossier_step_for_user
from motcua.dossiers.lifecycle import Action, Channel, Status
from motcua.dossiers.models import Dossier, DossierComponent
from motcua.dossiers.privacy import applicant_card
from motcua.dossiers.selectors import (
    dossier_content_readable,
    dossier_due_flag,
    dossier_history,
    dossier_list_for_user,
    dossier_needs_apology,
    dossier_new_receipt_due,
)
from motcua.dossiers.services.act import dossier_act, dossier_last_seq
from motcua.procedures.models import ComponentForm

from .access import AGENCY_INBOX_ROLES, DESK_ROLES, dossier_content_or_403, dossier_or_404, roles_required
from .dossier_forms import ActionForm, action_form
from .dossier_page import available_slips, dossier_clock, history_entries
from .files import stored_file_response
from .panels import dossier_panels

# Actions that end or refuse something: their button says so.
GRAVE = frozenset({Action.REFUSE, Action.REJECT, Action.STOP, Action.WITHDRAW})


# Files a browser may show inline; anything else is downloaded.
def _page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    bound: ActionForm | None = None,
    open_action: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render the page as the dossier is now; ``bound`` replaces its action's blank form."""
    user = request.user
    now = timezone.now()
    seq = dossier_last_seq(dossier=dossier)
    events = list(dossier_history(dossier=dossier))
    allowed = dossier_allowed_actions(dossier=dossier, user=user)
    forms = []
    for allowed_action in allowed:
        action = allowed_action.action
        form = (
            bound
            if bound is not None and bound.action == action
            else action_form(action=action, dossier=dossier, user=user, seq=seq)
        )
        # Recording a supplement ticks and scans papers: the counter's own page does it.
        link = reverse("desk:counter_supplement", args=[dossier.code]) if action == Action.RECEIVE_SUPPLEMENT else ""
        forms.append(
            {"action": action, "label": capfirst(action.label), "form": form, "grave": action in GRAVE, "link": link}
        )
    wanted = bound.action.value if bound is not None else open_action
    steps = list(dossier.steps.select_related("agency", "assignee").order_by("order"))
    my_step = dossier_step_for_user(dossier=dossier, user=user) if allowed else None
    complete = dossier_content_readable(user=user, dossier=dossier)
    context: dict[str, Any] = {
        "dossier": dossier,
        "applicant": applicant_card(dossier, complete=complete),
        "status_label": Status(dossier.status).label,
        "channel_label": Channel(dossier.channel).label,
        "due_flag": dossier_due_flag(dossier=dossier, at=now),
        "clock": dossier_clock(dossier=dossier, at=now),
        "needs_apology": dossier_needs_apology(dossier=dossier, at=now),
        "may_extend": any(a.action == Action.EXTEND for a in allowed),
        "components": _components(dossier),
        "steps": steps,
        "my_step_id": my_step.pk if my_step else None,
        "history": history_entries(events, complete=complete),
        "slips": available_slips(events, new_receipt_due=dossier_new_receipt_due(dossier=dossier), complete=complete),
        "supplement_received": any(e.action == Action.RECEIVE_SUPPLEMENT for e in events),
        "control": dossier_control_record(dossier=dossier),
        "forms": forms,
        "open_action": wanted,
        "seq": seq,
        "panels": dossier_panels(request, dossier),
    }
    response = render(request, "desk/dossier/page.html", context, status=status)
    if bound is not None and is_htmx(request):
        # The form in error stays in view (success scrolls to the top, where the message is).
        response["HX-Reswap"] = f"outerHTML show:#action-{bound.action.value}:top"
    return response


def _components(dossier: Dossier) -> list[dict[str, Any]]:
    from motcua.documents.selectors import document_uids_by_component

    stored = document_uids_by_component(dossier=dossier)
    rows = []
    for component in DossierComponent.objects.filter(dossier=dossier).order_by("id"):
        try:
            form_label: Any = ComponentForm(component.form).label
        except ValueError:
            form_label = component.form
        rows.append({"component": component, "form_label": form_label, "document": stored.get(component.pk)})
    return rows


@require_GET
@roles_required(DESK_ROLES)
def dossier_page(request: HttpRequest, code: str) -> HttpResponse:
    dossier = dossier_or_404(request, code)
    open_action = request.GET.get("open", "")
    return _page(request, dossier, open_action=open_action if open_action in Action.values else "")


@require_POST
@roles_required(DESK_ROLES)
def dossier_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    dossier = dossier_or_404(request, code)
    if action not in Action.values:
        raise Http404
    chosen = Action(action)
    page_url = reverse("desk:dossier", args=[dossier.code])
    if chosen not in {a.action for a in dossier_allowed_actions(dossier=dossier, user=request.user)}:
        # Not offered now: either the page was stale (the dossier moved on) or it never was the user's to take.
        refusal = action_refusal(action=chosen, dossier=dossier, user=request.user)
        if _posted_seq(request) not in (None, dossier_last_seq(dossier=dossier)):
            messages.error(request, _changed_message(dossier))
        elif refusal is not None:  # why, in the words the service would use (e.g. the steps still open)
            messages.error(request, refusal.render(get_language() or "vi"))
        else:
            messages.error(
                request,
                _("The action “%(action)s” is not available for this dossier now. Nothing was done.")
                % {"action": chosen.label},
            )
        return redirect(page_url)
    form = action_form(
        action=chosen,
        dossier=dossier,
        user=request.user,
        seq=dossier_last_seq(dossier=dossier),
        data=request.POST,
        files=request.FILES,
    )
    if not form.is_valid():
        return _page(request, dossier, bound=form, status=_error_status(request))
    try:
        dossier_act(
            dossier=dossier,
            actor=request.user,
            action=chosen,
            expected_seq=form.cleaned_data["expected_seq"],
            **form.arguments(),
        )
    except ApplicationError as error:
        dossier.refresh_from_db()
        if error.code == "dossier_changed":
            # Show the dossier as it is now, keep what was typed, and let a second submission act on it.
            data = request.POST.copy()
            data["expected_seq"] = str(dossier_last_seq(dossier=dossier))
            form.data = data
        form.add_engine_error(error.field, _message(error))
        return _page(request, dossier, bound=form, status=_error_status(request))
    messages.success(request, _("Done: %(action)s.") % {"action": capfirst(chosen.label)})
    if not dossier_list_for_user(user=request.user).filter(pk=dossier.pk).exists():
        messages.info(
            request, _("Dossier %(code)s has been handed on and has left your inbox.") % {"code": dossier.code}
        )
        in_inbox = user_has_role(user=request.user, roles=AGENCY_INBOX_ROLES)
        target = reverse("desk:inbox") if in_inbox else reverse("home")
        return _leave(request, target)
    return redirect(page_url)


def _posted_seq(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("expected_seq", ""))
    except ValueError:
        return None


def _changed_message(dossier: Dossier) -> str:
    return _message(errors.dossier_changed(code=dossier.code))


def _message(error: ApplicationError) -> str:
    """The engine's message in the page's language."""
    return error.render(get_language() or settings.LANGUAGE_CODE)


def _error_status(request: HttpRequest) -> int:
    # htmx 2 swaps only 2xx answers; a plain form gets the honest status.
    return 200 if is_htmx(request) else 400


def _leave(request: HttpRequest, url: str) -> HttpResponse:
    """Go to another page: htmx is told to load it whole."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# --- files -----------------------------------------------------------------------------------------------------


@require_GET
@roles_required(DESK_ROLES)
def dossier_component_file(request: HttpRequest, code: str, component_id: int) -> HttpResponseBase:
    dossier = dossier_content_or_403(request, code)
    component = DossierComponent.objects.filter(dossier=dossier, pk=component_id).first()
    if component is None:
        raise Http404
    return stored_file_response(component.file)


@require_GET
@roles_required(DESK_ROLES)
def dossier_result_file(request: HttpRequest, code: str) -> HttpResponseBase:
    dossier = dossier_content_or_403(request, code)
    return stored_file_response(dossier.result_file)
