"""Every error of the API is an RFC 9457 problem with a stable code, whatever raised it."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja.errors import HttpError

from motcua.api import errors as api_errors
from motcua.api.main import api
from motcua.core.errors import ApplicationError
from tests.api.support import assert_problem


def _raise(exc: Exception):
    request = RequestFactory().get("/api/v1/somewhere")
    with translation.override("vi"):
        response = api.on_exception(request, exc)
    response.wsgi_request = request
    return response


def _defined():
    from motcua.dossiers import errors as dossier_errors
    from motcua.procedures import errors as procedure_errors

    return [
        (ApplicationError("procedure_not_found", "-"), 404),
        (ApplicationError("dossier_not_found", "-"), 404),
        (api_errors.token_invalid(), 401),
        (api_errors.csrf_failed(), 403),
        (procedure_errors.version_immutable(number=2, code="1.0"), 409),
        (dossier_errors.action_not_allowed(action="a", status="s"), 409),
        (dossier_errors.not_permitted(action="a"), 403),
        (api_errors.validation_failed(count=1, where="x"), 422),
        (ApplicationError("some_rule_broken", "-"), 400),
    ]


def test_the_status_is_the_one_the_error_is_defined_with():
    for error, status in _defined():
        assert error.status == status, error.code
        assert_problem(_raise(error), status=status, code=error.code)


def test_an_application_error_keeps_its_code_and_both_messages():
    error = ApplicationError(
        "procedure_version_immutable", _("Version %(n)s cannot change."), params={"n": 2}, status=409
    )
    body = assert_problem(_raise(error), status=409, code="procedure_version_immutable")
    assert body["messages"]["en"] == "Version 2 cannot change."
    assert body["title"] == "Xung đột"


def test_an_unexpected_error_is_a_500_problem_that_leaks_nothing(caplog):
    with caplog.at_level(logging.ERROR, logger="motcua.api.handlers"):
        response = _raise(RuntimeError("password=hunter2 at db.internal"))
    body = assert_problem(response, status=500, code="internal_error")
    assert "hunter2" not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()
    assert body["messages"]["en"].startswith("Something went wrong")
    assert "hunter2" in caplog.text  # the operator still sees it in the log


def test_permission_denied_is_a_403_problem():
    assert_problem(_raise(PermissionDenied()), status=403, code="permission_denied")


def test_errors_raised_by_ninja_itself_become_problems():
    body = assert_problem(_raise(HttpError(400, "Cannot parse request body")), status=400, code="bad_request")
    assert "Cannot parse request body" in body["messages"]["en"]


@pytest.mark.django_db
def test_an_unknown_path_under_the_api_is_a_404_problem(client):
    body = assert_problem(client.get("/api/v1/no/such/thing"), status=404, code="not_found")
    assert "/api/v1/no/such/thing" in body["messages"]["en"]


@pytest.mark.django_db
def test_the_swagger_page_is_not_served(client):
    """Ninja's docs page would load Swagger UI from a CDN; only the OpenAPI document is served."""
    assert client.get("/api/v1/docs").status_code == 404


@pytest.mark.django_db
def test_a_method_the_path_does_not_take_is_a_405_problem(client):
    response = client.post("/api/v1/procedures")
    body = assert_problem(response, status=405, code="method_not_allowed")
    assert response["Allow"] == "GET"
    assert "POST" in body["messages"]["en"]
