"""Input no rule can accept gets a 400 with the usual error body, never a server error (issue 10, item 3).

PostgreSQL refuses a NUL in text before the query runs, so on that tier each of these was a 500 with a traceback,
some without signing in. The guard answers before any view, whatever the database.
"""

from __future__ import annotations

import json

import pytest

from motcua.api.services import api_token_create
from motcua.core.input_guard import MAX_JSON_DEPTH
from tests.api.support import assert_problem, bearer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def token():
    return api_token_create(user=UserFactory(username="lan"), name="probe")[1]


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("/api/v1/procedures/a%00b", "path"),
        ("/api/v1/procedures?q=a%00b", "query.q"),
        ("/api/v1/procedures?a%00b=1", "query"),
        ("/api/v1/dossiers?receiving_point=%00", "query.receiving_point"),
    ],
)
def test_a_nul_anywhere_in_the_url_of_the_api_is_a_400_problem(client, url, where):
    body = assert_problem(client.get(url), status=400, code="input_forbidden_character")
    assert where in body["messages"]["en"]
    assert where in body["messages"]["vi"]


@pytest.mark.parametrize(
    "url", ["/thu-tuc/a%00b/", "/thu-tuc/?q=a%00b", "/tra-cuu/?code=a%00b", "/accounts/login/?next=%00"]
)
def test_a_nul_in_the_url_of_a_page_is_the_sites_400_page(client, url):
    response = client.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-status="400"' in page
    assert 'data-code="input_forbidden_character"' in page
    assert "không được phép" in page  # in Vietnamese, the default language


def test_a_nul_in_a_form_field_or_a_file_name_is_refused(client):
    response = client.post("/accounts/login/", {"username": "lan\x00", "password": "x"})
    assert response.status_code == 400
    assert 'data-code="input_forbidden_character"' in response.content.decode()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ('{"procedure": "a\\u0000b"}', "input_forbidden_character"),
        ('{"procedure": "a\\ud800b"}', "input_forbidden_character"),  # a lone surrogate
        ('{"a\\u0000": 1}', "input_forbidden_character"),
        ('{"fees_paid": 99999999999999999999}', "input_number_too_large"),
        ("[" * 5000 + "]" * 5000, "input_too_deep"),  # past the parser's recursion
        ('{"a": ' + "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1) + "}", "input_too_deep"),
    ],
)
def test_a_json_body_no_rule_can_accept_is_a_400_problem(client, token, body, code):
    response = client.post("/api/v1/dossiers", data=body, content_type="application/json", headers=bearer(token))
    assert_problem(response, status=400, code=code)


def test_where_the_bad_character_is_says_so(client, token):
    body = json.dumps({"applicant": {"full_name": "Lan\x00"}})
    response = client.post("/api/v1/dossiers", data=body, content_type="application/json", headers=bearer(token))
    problem = assert_problem(response, status=400, code="input_forbidden_character")
    assert problem["errors"][0]["loc"] == ["body", "payload", "applicant", "full_name"]


def test_a_body_that_is_not_json_is_left_to_the_view(client, token):
    response = client.post("/api/v1/dossiers", data="{", content_type="application/json", headers=bearer(token))
    assert_problem(response, status=400, code="bad_request")


def test_a_json_body_nested_within_the_bound_reaches_the_view(client, token):
    body = json.dumps({"applicant": {"full_name": "Lan"}})
    response = client.post("/api/v1/dossiers", data=body, content_type="application/json", headers=bearer(token))
    assert_problem(response, status=422, code="validation_failed")  # the view's own answer: fields missing


@pytest.mark.parametrize("offset", ["9223372036854775808", "99999999999999999999999", str(2**63 - 1)])
def test_an_offset_past_what_a_database_can_count_is_refused(client, token, offset):
    response = client.get(f"/api/v1/procedures?offset={offset}")
    body = assert_problem(response, status=422, code="validation_failed")
    assert body["errors"][0]["loc"] == ["query", "offset"]


def test_a_body_larger_than_allowed_is_a_413_problem(client, token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"note": "x" * 2000})
    response = client.post("/api/v1/dossiers", data=body, content_type="application/json", headers=bearer(token))
    assert_problem(response, status=413, code="request_too_large")
