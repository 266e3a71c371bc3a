"""Limit/offset pagination for every list endpoint: ``?limit=&offset=`` in, ``{count, next, previous, results}`` out.

A limit above :data:`MAX_LIMIT` is refused (422 ``validation_failed``) rather than silently cut, so a client
never believes it has everything when it has not; so is an offset past what a database can count (2⁶³−1, less
one page). ``next`` and ``previous`` are absolute URLs that keep the other query parameters, or null at either end.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from motcua.core.input_guard import LARGEST_INTEGER

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=LARGEST_INTEGER - MAX_LIMIT, description="How many items to skip.")


class LimitOffsetPagination(PaginationBase):
    Input = PageParams  # type: ignore[assignment]  # a named class, so OpenAPI does not show 'Input'

    class Output(Schema):
        count: int = Field(description="How many items match, on all pages.")
        next: str | None = Field(description="URL of the next page, or null on the last one.")
        previous: str | None = Field(description="URL of the previous page, or null on the first one.")
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: PageParams, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit, offset = pagination.limit, pagination.offset
        count = self._items_count(queryset)
        following = offset + limit
        return {
            "count": count,
            "next": _page_url(request, limit=limit, offset=following) if following < count else None,
            "previous": _page_url(request, limit=limit, offset=max(offset - limit, 0)) if offset > 0 else None,
            "results": queryset[offset:following],
        }


def _page_url(request: HttpRequest, *, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
