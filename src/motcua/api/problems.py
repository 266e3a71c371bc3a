"""RFC 9457 problem details: every error of the API is an ``application/problem+json`` body built here.

A problem is rendered from an :class:`~motcua.core.errors.ApplicationError`, so its ``code`` is stable and its
message exists in Vietnamese and English. ``type`` is ``urn:motcua:problem:<code>``: a name, not a web page.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

from .schemas.problems import Problem

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:motcua:problem:"

TITLES = {
    400: _("Bad request"),
    401: _("Authentication required"),
    403: _("Forbidden"),
    404: _("Not found"),
    405: _("Method not allowed"),
    409: _("Conflict"),
    412: _("Precondition failed"),
    413: _("File too large"),
    415: _("Unsupported file type"),
    422: _("Invalid request"),
    429: _("Too many requests"),
    500: _("Internal error"),
}


def problem_response(
    request: HttpRequest,
    error: ApplicationError,
    *,
    status: int,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """The problem for ``error``; ``detail`` and ``title`` in the request's language, both languages in ``messages``."""
    language = translation.get_language() or "vi"
    title = TITLES.get(status) or HTTPStatus(status).phrase
    with translation.override(language):
        title = str(title)
    problem = Problem.model_validate(
        {
            "type": PROBLEM_TYPE_PREFIX + error.code,
            "title": title,
            "status": status,
            "detail": error.render(language),
            "code": error.code,
            "messages": error.messages(),
            "instance": request.path,
            "errors": errors,
        }
    )
    body = json.dumps(problem.model_dump(exclude_none=True), ensure_ascii=False)
    response = HttpResponse(body.encode("utf-8"), status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
