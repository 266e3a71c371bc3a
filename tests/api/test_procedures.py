"""The public catalogue through the API: search, pagination, detail and their problems."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.api.support import assert_problem
from tests.factories import FieldFactory, ProcedureVersionFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/procedures"


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["national_code"] for item in response.json()["results"]]


def test_search_without_accents_finds_the_accented_procedure(client, catalogue):
    response = client.get(URL, {"q": "dang ky khai sinh"})
    assert _codes(response) == ["1.001193"]
    assert response.json()["count"] == 1


def test_search_needs_no_authentication_and_lists_published_procedures_only(client, catalogue):
    body = client.get(URL).json()
    assert body["count"] == 3
    assert "1.000001" not in [item["national_code"] for item in body["results"]]  # the draft


def test_search_filters_by_field_and_level(client, catalogue):
    assert sorted(_codes(client.get(URL, {"field": "HT"}))) == ["1.001022", "1.001193"]
    assert _codes(client.get(URL, {"level": "province"})) == ["1.012755"]
    assert _codes(client.get(URL, {"q": "dat dai", "level": "commune"})) == ["1.012755"]


def test_a_search_result_summarises_the_procedure(client, catalogue):
    (item,) = client.get(URL, {"q": "quyen su dung dat"}).json()["results"]
    assert item == {
        "national_code": "1.012755",
        "name": "Cấp Giấy chứng nhận quyền sử dụng đất",
        "field": {"code": "DD", "name": "Đất đai"},
        "levels": ["province", "commune"],
        "time_limit": 3.0,
        "time_limit_unit": "working_days",
        "same_day_cutoff": False,
        "online_submission": "none",
        "postal_pickup": True,
        "postal_return": True,
        "fee_total": 508000,
    }


def test_pages_carry_the_count_and_links_that_keep_the_filters(client, catalogue):
    first = client.get(URL, {"q": "dang ky", "limit": 1}).json()
    assert first["count"] == 2
    assert len(first["results"]) == 1
    assert first["previous"] is None
    link = urlsplit(first["next"])
    assert link.scheme == "http"
    assert link.path == URL
    assert parse_qs(link.query) == {"q": ["dang ky"], "limit": ["1"], "offset": ["1"]}

    second = client.get(first["next"]).json()
    assert second["next"] is None
    assert parse_qs(urlsplit(second["previous"]).query)["offset"] == ["0"]
    assert {first["results"][0]["national_code"], second["results"][0]["national_code"]} == {"1.001022", "1.001193"}


def test_an_offset_past_the_end_gives_an_empty_page(client, catalogue):
    body = client.get(URL, {"offset": 50}).json()
    assert body["count"] == 3
    assert body["results"] == []
    assert body["next"] is None


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"limit": 101}, ["query", "limit"]),
        ({"limit": 0}, ["query", "limit"]),
        ({"offset": -1}, ["query", "offset"]),
        ({"limit": "many"}, ["query", "limit"]),
        ({"level": "district"}, ["query", "level"]),
        ({"q": "x" * 201}, ["query", "q"]),
    ],
)
def test_invalid_query_parameters_are_a_422_problem_listing_each_error(client, catalogue, params, where):
    body = assert_problem(client.get(URL, params), status=422, code="validation_failed")
    assert body["errors"][0]["loc"] == where
    assert {"loc", "msg", "type"} == set(body["errors"][0])
    assert ".".join(where) in body["messages"]["en"]
    assert body["detail"] == body["messages"]["vi"]


def test_a_page_costs_the_same_queries_whatever_its_size(client, catalogue, django_assert_max_num_queries):
    field = FieldFactory(code="KS", name="Khai sinh")
    for n in range(30):
        ProcedureVersionFactory(
            procedure__national_code=f"2.{n:06d}",
            procedure__name=f"Thủ tục {n}",
            procedure__field=field,
            published=True,
        )
    with django_assert_max_num_queries(4):  # count, page, fees, and nothing per row
        body = client.get(URL, {"limit": 100}).json()
    assert len(body["results"]) == 33


def test_the_detail_has_components_fees_steps_and_legal_basis(client, catalogue):
    response = client.get(f"{URL}/1.001193")
    assert response.status_code == 200
    body = response.json()
    assert body["national_code"] == "1.001193"
    assert body["name"] == "Đăng ký khai sinh"
    assert body["field"] == {"code": "HT", "name": "Hộ tịch"}
    assert body["version"] == catalogue["birth"].number
    assert body["legal_basis"] == "Luật Hộ tịch năm 2014"
    assert body["fee_total"] == 8000
    assert [c["name"] for c in body["components"]] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert body["components"][1] == {
        "order": 2,
        "name": "Giấy chứng sinh",
        "form": "original_or_copy",
        "quantity": 1,
        "mandatory": False,
        "condition": "Nếu sinh tại cơ sở y tế",
        "form_template": "",
    }
    assert body["fees"] == [{"order": 1, "kind": "charge", "description": "Lệ phí", "amount": 8000, "exemptions": ""}]
    assert [(s["order"], s["role"], s["duration"]) for s in body["steps"]] == [
        (1, "postal_clerk", 0.5),
        (2, "agency_specialist", 2.0),
    ]


def test_an_unknown_code_is_a_404_problem_in_both_languages(client, catalogue):
    body = assert_problem(client.get(f"{URL}/9.999999"), status=404, code="procedure_not_found")
    assert body["messages"]["en"] == "No published procedure has the code 9.999999."
    assert "9.999999" in body["messages"]["vi"]
    assert body["messages"]["vi"] != body["messages"]["en"]
    assert body["detail"] == body["messages"]["vi"]  # Vietnamese unless the user chose otherwise
    assert body["title"] == "Không tìm thấy"


def test_a_draft_only_procedure_is_not_found(client, catalogue):
    assert_problem(client.get(f"{URL}/1.000001"), status=404, code="procedure_not_found")


def test_the_detail_follows_the_language_the_user_chose(client, catalogue, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = assert_problem(client.get(f"{URL}/9.999999"), status=404, code="procedure_not_found")
    assert body["detail"] == body["messages"]["en"]
    assert body["title"] == "Not found"
