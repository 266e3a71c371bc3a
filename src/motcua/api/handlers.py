"""Every exception that leaves an endpoint becomes a problem (see :mod:`motcua.api.problems`).

An ``ApplicationError`` carries its HTTP status and the input it concerns, set where it is defined (each app's
``errors`` module, :class:`motcua.core.errors.ApplicationError`); nothing here maps codes.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from motcua.core.errors import ApplicationError
from motcua.core.input_guard import BadInput

from . import errors
from .errors import WWW_AUTHENTICATE
from .problems import problem_response

logger = logging.getLogger(__name__)


def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    headers = {"WWW-Authenticate": WWW_AUTHENTICATE} if exc.status == 401 else None
    # An error about one value of the body says where it is, as a validation error would.
    where = [{"loc": ["body", "payload", *exc.field.split(".")], "msg": exc.render("en"), "type": exc.code}]
    return problem_response(request, exc, status=exc.status, headers=headers, errors=where if exc.field else None)


def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return on_application_error(request, errors.authentication_required())


def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    items = [
        {"loc": list(item.get("loc", ())), "msg": str(item.get("msg", "")), "type": str(item.get("type", ""))}
        for item in exc.errors
    ]
    where = ".".join(str(part) for part in items[0]["loc"]) if items else "-"
    error = errors.validation_failed(count=len(items), where=where)
    return problem_response(request, error, status=error.status, errors=items)


def on_permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return on_application_error(request, errors.permission_denied())


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return on_application_error(request, errors.not_found(path=request.path))


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Errors raised by ninja itself (unreadable body, throttling…); their own text is English only."""
    return on_application_error(request, errors.http_error(status=exc.status_code, reason=str(exc)))


def on_bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Input refused before or by Django itself (NUL bytes, a body too large, too many fields…): never a 500."""
    if isinstance(exc, BadInput):
        return on_application_error(request, exc.error)
    if isinstance(exc, RequestDataTooBig):
        return on_application_error(request, errors.request_too_large())
    return on_application_error(request, errors.bad_request(reason=str(exc)))


def problem_on_method_not_allowed(view: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap one of ninja's path views: its 405 is plain text, answered before any exception handler runs."""
    if inspect.iscoroutinefunction(view):
        return view  # motcua's endpoints are synchronous; an async one keeps ninja's plain 405

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        error = errors.method_not_allowed(method=str(request.method), allowed=response["Allow"])
        return problem_response(request, error, status=error.status, headers={"Allow": response["Allow"]})

    return wrapper


def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The log keeps the traceback; the client learns only that it is not their fault.
    logger.exception("Unhandled error in %s %s", request.method, request.path, exc_info=exc)
    error = errors.internal_error()
    return problem_response(request, error, status=error.status)


HANDLERS: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
    (ApplicationError, on_application_error),
    (AuthenticationError, on_authentication_error),
    (ValidationError, on_validation_error),
    (PermissionDenied, on_permission_denied),
    (AuthorizationError, on_permission_denied),
    (Http404, on_not_found),
    (HttpError, on_http_error),
    (BadRequest, on_bad_request),
    (SuspiciousOperation, on_bad_request),
    (Exception, on_unexpected),
]


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers; the most specific class wins, so the order does not matter."""
    for exc_class, handler in HANDLERS:
        api.add_exception_handler(exc_class, handler)
