"""Public pages of the guide stage: the procedure catalogue and one procedure as a printable checklist."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from motcua.core.errors import ApplicationError
from motcua.procedures.models import Fee
from motcua.procedures.selectors import procedure_get_published, procedure_search

from .forms import CatalogueFilterForm

PAGE_SIZE = 20


def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET)
    filters = form.filters()
    procedures = procedure_search(**filters)
    if form.pickup_only:
        procedures = procedures.filter(current_version__postal_pickup=True)
    paginator = Paginator(procedures, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    # The result rows show a fee summary: load the fees of the page's versions in one query.
    prefetch_related_objects(
        page.object_list, Prefetch("current_version__fees", queryset=Fee.objects.order_by("order"))
    )
    context = {
        "form": form,
        "query": filters["query"],
        "has_filters": form.has_filters,
        "searched": bool(filters["query"]) or form.has_filters,
        "page": page,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }
    return render(request, "portal/catalogue.html", context)


def procedure_detail(request: HttpRequest, national_code: str) -> HttpResponse:
    try:
        version = procedure_get_published(national_code=national_code)
    except ApplicationError as error:
        if error.code == "procedure_not_found":
            raise Http404(error.render(get_language())) from error
        raise
    return render(request, "portal/procedure.html", {"version": version, "procedure": version.procedure})
