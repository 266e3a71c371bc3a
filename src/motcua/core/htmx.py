"""Whether a request is htmx asking for a fragment, or a browser asking for a whole page."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest, *, target: str | None = None) -> bool:
    """An htmx request for a part of the page (aimed at ``target`` when given).

    A history restore (the user went back to a page htmx no longer holds) asks for the whole page, so it
    is not a fragment request. Responses that differ by this must vary on ``HX-Request`` (and ``HX-Target``).
    """
    if request.headers.get("HX-Request") != "true" or "HX-History-Restore-Request" in request.headers:
        return False
    return target is None or request.headers.get("HX-Target") == target
