"""Agency pages (specialist, leader): the inbox with tabs and counts.

Tabs are links (``?tab=overdue``): without JavaScript each is a full page; with htmx the tab bar, the
search and the list are swapped in place and the address follows (``hx-push-url``).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from motcua.core.htmx import is_htmx
from motcua.dossiers.inbox import TAB_KEYS, TABS, inbox_counts, inbox_list
from motcua.dossiers.selectors import dossier_due_flag

from .access import AGENCY_INBOX_ROLES, roles_required

PAGE_SIZE = 20
SORTS = ("appointment", "-appointment")


@require_GET
@vary_on_headers("HX-Request")
@roles_required(AGENCY_INBOX_ROLES)
def inbox(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    tab = request.GET.get("tab", "")
    counts = inbox_counts(user=request.user, at=now)
    if tab not in TAB_KEYS:
        # The first tab with work in it, so the inbox never opens on an empty list needlessly.
        tab = next((key for key in TAB_KEYS if counts[key]), TAB_KEYS[0])
    search = request.GET.get("q", "").strip()[:100]
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else SORTS[0]
    dossiers = inbox_list(user=request.user, tab=tab, at=now, search=search, descending=sort.startswith("-"))
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"dossier": d, "flag": dossier_due_flag(dossier=d, at=now), "steps": getattr(d, "active_steps", [])}
        for d in page
    ]
    context: dict[str, Any] = {
        "tabs": [{"key": t.key, "label": t.label, "count": counts[t.key], "alert": t.alert} for t in TABS],
        "tab": tab,
        "tab_label": next(t.label for t in TABS if t.key == tab),
        "search": search,
        "sort": sort,
        "page": page,
        "rows": rows,
        "query": _query(tab=tab, search=search, sort=sort),
        "flip_sort": _query(tab=tab, search=search, sort="-appointment" if sort == "appointment" else "appointment"),
    }
    template = "desk/agency/_inbox_body.html" if is_htmx(request) else "desk/agency/inbox.html"
    return render(request, template, context)


def _query(**params: str) -> str:
    """The query string of a link that keeps the other choices (without defaults)."""
    kept = {k: v for k, v in params.items() if v and not (k == "sort" and v == SORTS[0])}
    return urlencode(kept)
