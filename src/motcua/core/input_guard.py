"""Refuse, before any view runs, input that no rule of the domain can ever accept and that would crash a lower layer.

* A NUL character anywhere in the path, the query, a form field (its name, its value, an uploaded file's name) or
  a JSON body: PostgreSQL cannot store one in text, and its driver raises before the query is sent.
* A lone surrogate (``\\ud800``… in JSON): it cannot be encoded in UTF-8, so neither stored nor rendered.
* JSON nested deeper than :data:`MAX_JSON_DEPTH`: a document thousands deep exhausts the parser's recursion;
  no body of the API is more than a few levels deep.
* An integer in a JSON body outside :data:`LARGEST_INTEGER`: no column holds it (PostgreSQL's ``bigint``).

A refusal is a 400 with a stable code, rendered by the URLconf's ``handler400``: an RFC 9457 problem under
``/api/``, the site's error page elsewhere. Bodies that are not JSON at all are left to the view, which answers
in its own way. See ``docs/api.md`` (Errors).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import get_resolver
from django.utils import translation

from . import errors
from .errors import ApplicationError

logger = logging.getLogger(__name__)

MAX_JSON_DEPTH = 32
LARGEST_INTEGER = 2**63 - 1  # PostgreSQL's bigint, SQLite's INTEGER
FORBIDDEN_CHARACTER = re.compile("[\x00\ud800-\udfff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def stored_int(text: str) -> int | None:
    """``text`` as a non-negative integer a column can hold (an id in a query or a form), else None: digits only,
    at most :data:`LARGEST_INTEGER` (a longer one is no row's id, and the database would refuse it)."""
    return int(text) if text.isdigit() and len(text) <= 19 and int(text) <= LARGEST_INTEGER else None


class BadInput(BadRequest):
    """Input refused by :func:`check_request`; ``error`` says what and where, in Vietnamese and English."""

    def __init__(self, error: ApplicationError) -> None:
        super().__init__(str(error))
        self.error = error


def forbidden_character(where: str) -> BadInput:
    return BadInput(errors.input_forbidden_character(where=where))


def check_request(request: HttpRequest) -> None:
    """Raise :class:`BadInput` for the first part of the request that no view may be given."""
    if FORBIDDEN_CHARACTER.search(request.path):
        raise forbidden_character("path")
    _check_pairs(request.GET.lists(), "query")
    content_type = request.content_type or ""
    if request.method == "POST" and content_type in FORM_TYPES:
        _check_pairs(request.POST.lists(), "form")
        for name, files in request.FILES.lists():
            _check_pairs([(name, [upload.name or "" for upload in files])], "form")
    elif content_type == "application/json" or content_type.endswith("+json"):
        _check_json(request.body)


def _check_pairs(pairs: Any, place: str) -> None:
    for name, values in pairs:
        if FORBIDDEN_CHARACTER.search(name):
            raise forbidden_character(place)
        for value in values:
            if FORBIDDEN_CHARACTER.search(value):
                raise forbidden_character(f"{place}.{name}")


def _check_json(body: bytes) -> None:
    try:
        document = json.loads(body)
    except RecursionError:
        raise _too_deep() from None
    except ValueError:
        return  # not JSON: the view says so in its own words
    for depth, where, value in _walk(document):
        if depth > MAX_JSON_DEPTH:
            raise _too_deep()
        if isinstance(value, str) and FORBIDDEN_CHARACTER.search(value):
            raise forbidden_character(where or "body")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST_INTEGER:
            raise BadInput(errors.input_number_too_large(where=where))


def _walk(document: Any) -> Iterator[tuple[int, str, Any]]:
    """Every key and value of a JSON document with its depth and location, without recursion."""
    pending: list[tuple[int, str, Any]] = [(0, "", document)]
    while pending:
        depth, where, value = pending.pop()
        yield depth, where, value
        if isinstance(value, dict):
            for key, item in value.items():
                place = f"{where}.{key}" if where else key
                yield depth + 1, where, key
                pending.append((depth + 1, place, item))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                pending.append((depth + 1, f"{where}.{index}" if where else str(index), item))


def _too_deep() -> BadInput:
    return BadInput(errors.input_too_deep(depth=MAX_JSON_DEPTH))


class InputGuardMiddleware:
    """Answer a 400 through the URLconf's ``handler400`` for input :func:`check_request` refuses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_request(request)
        except BadInput as refusal:
            # One line, no traceback: refused input is the client's, not a fault of ours.
            path = request.path.replace("\x00", "\\x00")
            logger.warning("Refused %s %s: %s", request.method, path, refusal.error.code)
            handler: Callable[..., HttpResponse] = get_resolver(
                getattr(request, "urlconf", None)
            ).resolve_error_handler(400)
            return handler(request, refusal)
        return self.get_response(request)


def bad_request_page(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 400 page: the refusal's message when it has one, in the active language."""
    error = exception.error if isinstance(exception, BadInput) else None
    message = error.render(translation.get_language() or "vi") if error else ""
    return render(request, "400.html", {"error": error, "message": message}, status=400)
