"""The OpenAPI document is served, committed, up to date and well-formed."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from motcua.api.openapi import OPENAPI_PATH, openapi_document

PATHS = {
    "/api/v1/procedures": "get",
    "/api/v1/procedures/{national_code}": "get",
    "/api/v1/me": "get",
}


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(openapi_document())


def test_the_committed_openapi_document_is_up_to_date():
    assert OPENAPI_PATH.exists(), "docs/api/openapi.json is missing: run `make api-schema`"
    committed = OPENAPI_PATH.read_text(encoding="utf-8")
    assert committed == openapi_document(), "docs/api/openapi.json is stale: run `make api-schema`"


def test_the_check_command_agrees():
    call_command("api_schema", "--check")


@pytest.mark.django_db
def test_the_served_document_is_the_committed_one(client, schema):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == schema


def test_it_is_openapi_3_with_the_endpoints_and_their_schemas(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "motcua API"
    assert schema["info"]["version"] == "1"
    for path, method in PATHS.items():
        assert method in schema["paths"][path], path
    components = schema["components"]
    assert {"Problem", "PagedProcedureSummary", "ProcedureDetail", "MeOut"} <= set(components["schemas"])
    assert {"BearerTokenAuth", "SessionAuth"} == set(components["securitySchemes"])


def test_every_reference_resolves(schema):
    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    found = set(refs(schema))
    assert found
    for ref in found:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in schema["components"]["schemas"], ref


def test_errors_are_documented_as_problems_and_operations_are_named(schema):
    for path, method in PATHS.items():
        operation = schema["paths"][path][method]
        assert operation["operationId"]
        errors = {status: r for status, r in operation["responses"].items() if int(status) >= 400}
        assert errors, path
        for response in errors.values():
            assert set(response["content"]) == {"application/problem+json"}


def test_public_endpoints_need_no_authentication_and_me_does(schema):
    assert "security" not in schema["paths"]["/api/v1/procedures"]["get"]
    assert "security" not in schema["paths"]["/api/v1/procedures/{national_code}"]["get"]
    assert schema["paths"]["/api/v1/me"]["get"]["security"] == [{"BearerTokenAuth": []}, {"SessionAuth": []}]
