"""Schemathesis over the whole OpenAPI document: no input a client can send gets a server error or an answer
the document does not describe.

Every operation is called with a postal clerk's token and with an administrator's, with data that fits the
schema and data that does not (Schemathesis' positive and negative modes). The run is bounded in examples per
operation (:data:`EXAMPLES`), so it keeps ``make test`` short; raise ``MOTCUA_SCHEMATHESIS_EXAMPLES`` for a
deeper probe (the finding that opened issue 10 came from about 26,000 cases).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.api.services import api_token_create
from tests.factories import UserFactory

EXAMPLES = int(os.environ.get("MOTCUA_SCHEMATHESIS_EXAMPLES", "10"))
APP = WSGIHandler()
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
    max_examples=EXAMPLES,
    deterministic=True,  # the same cases on every run: a failure in CI is a failure on the laptop
)


@pytest.fixture(autouse=True)
def _connection_kept_between_requests():
    """The bare WSGI handler closes the database connection after each request, as in production; inside a test
    that connection holds the test's transaction (on PostgreSQL a closed one ends it). Django's own test client
    keeps it open the same way: by not closing old connections around its requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(scope, catalogue) -> dict[str, str]:
    """A clerk of post office A and an administrator of the whole country, each with a personal token."""
    clerk = UserFactory(username="lan")
    Assignment.objects.create(user=clerk, role=Role.POSTAL_CLERK, receiving_point=scope["points"]["BC-A"])
    administrator = UserFactory(username="quan-tri")
    Assignment.objects.create(user=administrator, role=Role.ADMINISTRATOR)
    return {
        "clerk": api_token_create(user=clerk, name="schemathesis")[1],
        "administrator": api_token_create(user=administrator, name="schemathesis")[1],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["clerk", "administrator"])
@schema.parametrize()
@settings(
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure prints the case that found it
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_input_gets_a_server_error_or_an_undocumented_answer(case, role, tokens):
    case.call_and_validate(app=APP, headers={"Authorization": f"Bearer {tokens[role]}"}, checks=CHECKS)
