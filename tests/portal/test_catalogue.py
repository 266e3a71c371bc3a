"""The public catalogue at /thu-tuc/: search without accents, filters, pagination, the empty result."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.procedures.models import Procedure
from tests.factories import FieldFactory, ProcedureFactory, published_procedure

pytestmark = pytest.mark.django_db

CATALOGUE = "/thu-tuc/"


def names(response) -> list[str]:
    return [procedure.name for procedure in response.context["page"].object_list]


def test_catalogue_url_is_named_in_the_portal_namespace():
    assert reverse("portal:catalogue") == CATALOGUE


def test_search_without_accents_finds_the_accented_procedure(client, birth_registration, business_licence):
    response = client.get(CATALOGUE, {"q": "dang ky khai sinh"})

    assert response.status_code == 200
    assert names(response) == ["Đăng ký khai sinh"]
    body = response.content.decode()
    assert "Đăng ký khai sinh" in body
    assert "1.001193" in body
    assert "Hộ tịch" in body
    assert "3 ngày làm việc" in body
    assert "8.000 ₫" in body
    assert "1 thủ tục" in body


def test_search_by_code_finds_the_procedure(client, birth_registration, business_licence):
    response = client.get(CATALOGUE, {"q": "2.001610"})

    assert names(response) == ["Đăng ký thành lập doanh nghiệp"]
    assert "Không thu phí" in response.content.decode()


def test_without_a_query_every_published_procedure_is_listed(client, birth_registration, business_licence):
    response = client.get(CATALOGUE)

    assert response.status_code == 200
    assert sorted(names(response)) == ["Đăng ký khai sinh", "Đăng ký thành lập doanh nghiệp"]
    assert "2 thủ tục" in response.content.decode()


def test_a_draft_procedure_is_not_listed(client, birth_registration):
    draft = ProcedureFactory(national_code="1.999999", name="Thủ tục nháp")

    response = client.get(CATALOGUE, {"q": "nhap"})

    assert draft.current_version is None
    assert names(response) == []


def test_filter_by_field(client, birth_registration, business_licence):
    response = client.get(CATALOGUE, {"field": "DKKD"})

    assert names(response) == ["Đăng ký thành lập doanh nghiệp"]
    assert '<option value="DKKD" selected>' in response.content.decode()


def test_filter_by_implementing_level(client, birth_registration, business_licence):
    commune_level = client.get(CATALOGUE, {"level": "commune"})
    province_level = client.get(CATALOGUE, {"level": "province", "q": "dang ky"})

    assert names(commune_level) == ["Đăng ký khai sinh"]
    assert names(province_level) == ["Đăng ký thành lập doanh nghiệp"]


def test_an_unknown_filter_value_is_ignored(client, birth_registration):
    response = client.get(CATALOGUE, {"field": "NO-SUCH-FIELD", "level": "galaxy"})

    assert response.status_code == 200
    assert names(response) == ["Đăng ký khai sinh"]


def test_results_are_paginated_twenty_per_page(client):
    field = FieldFactory(code="HT", name="Hộ tịch")
    for number in range(25):
        published_procedure(procedure=ProcedureFactory(name=f"Thủ tục hộ tịch {number:02d}", field=field))

    first = client.get(CATALOGUE, {"q": "ho tich"})
    second = client.get(CATALOGUE, {"q": "ho tich", "page": 2})

    assert Procedure.objects.count() == 25
    assert len(names(first)) == 20
    assert len(names(second)) == 5
    assert set(names(first)).isdisjoint(names(second))
    assert "25 thủ tục" in first.content.decode()
    # The page links keep the search.
    assert "?q=ho+tich&amp;page=2" in first.content.decode()


def test_a_page_number_out_of_range_shows_the_last_page(client, birth_registration):
    response = client.get(CATALOGUE, {"page": 99})

    assert response.status_code == 200
    assert names(response) == ["Đăng ký khai sinh"]


def test_an_empty_result_says_so_and_suggests_what_to_do(client, birth_registration):
    response = client.get(CATALOGUE, {"q": "giay phep lai tau vu tru"})

    body = response.content.decode()
    assert names(response) == []
    assert "Không có thủ tục nào khớp với “giay phep lai tau vu tru”" in body
    assert "Tra cứu theo mã thủ tục" in body
    assert 'href="/thu-tuc/"' in body


def test_the_search_is_escaped_in_the_page(client, birth_registration):
    response = client.get(CATALOGUE, {"q": "<script>alert(1)</script>"})

    assert "<script>alert(1)</script>" not in response.content.decode()
