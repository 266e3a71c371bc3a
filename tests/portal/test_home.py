"""The home page: what motcua is for a visitor, roles and links for staff."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Role, StaffAssignment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_sees_what_motcua_is_and_a_search_box(client):
    response = client.get("/")

    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Một cửa" in body
    assert "Tra cứu thủ tục hành chính" in body
    assert '<form class="search search--hero" action="/thu-tuc/" method="get" role="search">' in body
    assert 'name="q"' in body
    assert "Đăng nhập cho cán bộ" in body
    assert "/admin/" not in body


def test_a_clerk_sees_their_name_roles_with_scope_and_what_they_allow(client, post_office, justice_office):
    user = UserFactory(username="lan", full_name="Nguyễn Thị Lan")
    StaffAssignment.objects.create(user=user, role=Role.POSTAL_CLERK, receiving_point=post_office)
    StaffAssignment.objects.create(user=user, role=Role.AGENCY_SPECIALIST, agency=justice_office)
    StaffAssignment.objects.create(user=user, role=Role.PLANNER, province=post_office.commune.province)
    StaffAssignment.objects.create(user=user, role=Role.TRAINER, is_active=False)
    client.force_login(user)

    response = client.get("/")

    body = response.content.decode()
    assert "Xin chào, Nguyễn Thị Lan" in body
    roles = response.context["roles"]
    assert [(str(r.scope_kind), r.scope) for r in roles] == [
        ("Cơ quan", "Ủy ban nhân dân phường Thành Sen (H42.18073)"),
        ("Tỉnh", "Hà Tĩnh"),
        ("Điểm tiếp nhận", "Bưu điện Thành Sen"),
    ]
    assert '<span class="role__scope-kind">Điểm tiếp nhận:</span> Bưu điện Thành Sen' in body
    assert '<span class="role__scope-kind">Cơ quan:</span> Ủy ban nhân dân phường Thành Sen (H42.18073)' in body
    assert '<span class="role__scope-kind">Tỉnh:</span> Hà Tĩnh' in body
    # What each role lets the user do comes from the agencies' role table.
    for role in roles:
        for capability in role.capabilities:
            assert str(capability) in body
    assert 'href="/thu-tuc/"' in body
    # Not staff: no admin link.
    assert 'href="/admin/"' not in body


def test_a_user_without_roles_is_told_so(client):
    client.force_login(UserFactory(username="new"))

    body = client.get("/").content.decode()

    assert "Bạn chưa được giao vai trò nào." in body


def test_staff_see_the_administration_link(client):
    client.force_login(UserFactory(username="admin", is_staff=True))

    body = client.get("/").content.decode()

    assert 'href="/admin/"' in body
    assert "Quản trị" in body


def test_signing_out_returns_to_the_public_home_page(client):
    client.force_login(UserFactory(username="lan"))

    response = client.post("/accounts/logout/", follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Tra cứu thủ tục hành chính" in response.content.decode()
