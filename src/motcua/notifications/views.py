"""Pages of the notifications (docs/notifications.md): the staff's delivery log with a supervisor's "send again",
and the public page where a contact turns channels off, opened by the signed link in each message."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.agencies.roles import COUNTER_ROLES, SUPERVISOR_ROLES
from motcua.agencies.selectors import user_has_role
from motcua.core.errors import ApplicationError
from motcua.desk.access import roles_required

from . import errors
from .contacts import mask, preference_contact
from .forms import LogFilterForm, PreferenceForm
from .models import ChannelKind
from .selectors import notification_list_filter, notification_list_for_user
from .services import notification_retry, preference_for, preference_update

LOG_ROLES = tuple(dict.fromkeys((*SUPERVISOR_ROLES, *COUNTER_ROLES)))
PAGE_SIZE = 50


@require_GET
@roles_required(LOG_ROLES)
def log(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    notifications = notification_list_for_user(user=request.user)
    if form.is_valid():
        notifications = notification_list_filter(
            notifications=notifications,
            code=form.cleaned_data["ma"].strip(),
            channel=form.cleaned_data["kenh"],
            status=form.cleaned_data["trang_thai"],
        )
    elif form.is_bound:
        notifications = notifications.none()
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("trang"))
    may_retry = user_has_role(user=request.user, roles=SUPERVISOR_ROLES)
    return render(request, "notifications/log.html", {"form": form, "page": page, "may_retry": may_retry})


@require_POST
@roles_required(SUPERVISOR_ROLES)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    notification = notification_list_for_user(user=request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    try:
        notification_retry(notification=notification, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("The notification is queued to be sent again."))
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure())
    return redirect(back if back and safe else "notifications:log")


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    contact = preference_contact(token)
    if contact is None:
        error = errors.preference_link_invalid()
        return render(request, "400.html", {"error": error, "message": error.bilingual()}, status=400)
    preference = preference_for(contact=contact)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            preference_update(
                contact=contact,
                channels_off={c for c in ChannelKind.values if c not in form.cleaned_data["channels"]},
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Your choices are saved."))
            return redirect("notifications:preferences", token=token)
    else:
        on = [c for c in ChannelKind.values if preference.allows(c)]
        form = PreferenceForm(initial={"channels": on, "language": preference.language})
    response = render(request, "notifications/preferences.html", {"form": form, "contact": mask(contact)})
    response["Referrer-Policy"] = "no-referrer"
    return response
