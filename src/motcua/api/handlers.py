"""Every exception that leaves an endpoint becomes a problem (see :mod:`motcua.api.problems`).

``ApplicationError`` codes get their HTTP status from :data:`STATUS_BY_CODE`; a code ending in ``_not_found`` is a 404,
any other code a 400. Add a code here when a service raises one that means something else (409 for a state conflict).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from motcua.core.errors import ApplicationError
from motcua.core.input_guard import BadInput

from .problems import problem_response

logger = logging.getLogger(__name__)

STATUS_BY_CODE: dict[str, int] = {
    "authentication_required": 401,
    "api_token_invalid": 401,
    "permission_denied": 403,
    "csrf_failed": 403,
    "method_not_allowed": 405,
    "procedure_version_immutable": 409,
    # The dossier engine (motcua.dossiers.errors): a transition the state or the caller's role does not allow.
    "dossier_action_forbidden": 403,
    "dossier_action_not_allowed": 409,
    "dossier_already_extended": 409,
    "dossier_no_active_step": 409,
    "dossier_assignee_not_eligible": 422,
    "dossier_steps_unfinished": 409,
    # Acted on a state the client did not see (expected_seq, If-Match): RFC 9110 §15.5.13.
    "dossier_changed": 412,
    # Reception data checks (motcua.dossiers.services.applicant): a value that cannot be true.
    "dossier_birth_date_in_future": 422,
    "dossier_birth_date_too_early": 422,
    "dossier_id_number_unknown_province": 422,
    "dossier_id_number_contradicts_birth_date": 422,
    # Digitization (motcua.documents.errors): a file refused before anything is stored, a job that has ended.
    "document_no_files": 422,
    "document_empty": 422,
    "document_corrupt": 422,
    "document_encrypted": 422,
    "document_unsupported_type": 415,
    "document_too_large": 413,
    "document_too_many_pages": 413,
    "document_image_too_large": 413,
    "document_invalid_owner": 409,  # the dossier's applicant has no ID number or tax code to own the documents
    "document_job_not_cancellable": 409,
    # The signed result of an approval (motcua.documents.results): not a PDF, unsigned, broken or untrusted.
    "document_result_not_pdf": 415,
    "document_result_unsigned": 422,
    "document_result_signature_broken": 422,
    "document_result_signer_untrusted": 422,
    # Idempotency-Key (motcua.api.idempotency): the key was used for another request, or its request still runs.
    "idempotency_key_reused": 422,
    "idempotency_key_in_use": 409,
    "validation_failed": 422,
    "procedure_spec_invalid": 422,
    "procedures_import_rejected": 422,
    "throttled": 429,
    "internal_error": 500,
}
CODE_BY_HTTP_STATUS = {
    400: "bad_request",
    401: "authentication_required",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    429: "throttled",
}
# RFC 6750: a 401 says which scheme would have worked.
WWW_AUTHENTICATE = 'Bearer realm="motcua"'


def status_for(code: str) -> int:
    if code in STATUS_BY_CODE:
        return STATUS_BY_CODE[code]
    return 404 if code.endswith("_not_found") else 400


def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    status = status_for(exc.code)
    headers = {"WWW-Authenticate": WWW_AUTHENTICATE} if status == 401 else None
    # An error about one value of the body says where it is, as a validation error would.
    where = [{"loc": ["body", "payload", *exc.field.split(".")], "msg": exc.render("en"), "type": exc.code}]
    return problem_response(request, exc, status=status, headers=headers, errors=where if exc.field else None)


def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    error = ApplicationError(
        "authentication_required",
        _("Sign in, or send a personal API token as 'Authorization: Bearer <token>'."),
    )
    return on_application_error(request, error)


def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": list(item.get("loc", ())), "msg": str(item.get("msg", "")), "type": str(item.get("type", ""))}
        for item in exc.errors
    ]
    where = ".".join(str(part) for part in errors[0]["loc"]) if errors else "-"
    error = ApplicationError(
        "validation_failed",
        _("The request has %(count)s invalid value(s), the first at %(where)s."),
        params={"count": len(errors), "where": where},
    )
    return problem_response(request, error, status=422, errors=errors)


def on_permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return on_application_error(request, ApplicationError("permission_denied", _("You may not do this.")))


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    error = ApplicationError("not_found", _("Nothing is found at %(path)s."), params={"path": request.path})
    return problem_response(request, error, status=404)


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Errors raised by ninja itself (unreadable body, throttling…); their own text is English only."""
    code = CODE_BY_HTTP_STATUS.get(exc.status_code, "http_error")
    error = ApplicationError(code, _("The request failed: %(reason)s"), params={"reason": str(exc)})
    return problem_response(request, error, status=exc.status_code)


def on_bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Input refused before or by Django itself (NUL bytes, a body too large, too many fields…): never a 500."""
    if isinstance(exc, BadInput):
        return on_application_error(request, exc.error)
    if isinstance(exc, RequestDataTooBig):
        error = ApplicationError("request_too_large", _("The request body is larger than the server accepts."))
        return problem_response(request, error, status=413)
    error = ApplicationError("bad_request", _("The request cannot be read: %(reason)s"), params={"reason": str(exc)})
    return problem_response(request, error, status=400)


def problem_on_method_not_allowed(view: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap one of ninja's path views: its 405 is plain text, answered before any exception handler runs."""
    if inspect.iscoroutinefunction(view):
        return view  # motcua's endpoints are synchronous; an async one keeps ninja's plain 405

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        error = ApplicationError(
            "method_not_allowed",
            _("%(method)s is not allowed here; use %(allowed)s."),
            params={"method": request.method, "allowed": response["Allow"]},
        )
        return problem_response(request, error, status=405, headers={"Allow": response["Allow"]})

    return wrapper


def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The log keeps the traceback; the client learns only that it is not their fault.
    logger.exception("Unhandled error in %s %s", request.method, request.path, exc_info=exc)
    error = ApplicationError("internal_error", _("Something went wrong on our side. The error has been logged."))
    return problem_response(request, error, status=500)


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
