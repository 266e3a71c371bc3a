"""The desk's menu marks one entry as the page's own: the one whose address is the longest start of the page's."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.desk.menu import desk_menu
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "active"),
    [("/chung-chi/diem/", "/chung-chi/diem/"), ("/chung-chi/3/chung-chi.pdf", "/chung-chi/"), ("/khac/", None)],
)
def test_one_entry_is_the_pages_own(path, active):
    user = UserFactory()
    Assignment.objects.create(user=user, role=Role.ADMINISTRATOR)
    request = RequestFactory().get(path)
    request.user = user

    items = desk_menu(request)["desk_menu"]

    assert [item.url for item in items if item.active] == ([active] if active else [])
    assert {"/chung-chi/", "/chung-chi/diem/"} <= {item.url for item in items}


def test_every_desk_page_says_when_the_counter_is_in_training_mode(client):
    user = UserFactory()
    Assignment.objects.create(user=user, role=Role.ADMINISTRATOR)
    client.force_login(user)
    assert b"data-training-mode" not in client.get("/quay/").content
    session = client.session
    session["training_mode"] = True
    session.save()
    page = client.get("/quay/").content.decode()
    assert "data-training-mode" in page and "Chế độ thực hành" in page
