"""Item 21: the dossier page's clock reads in hours and minutes, and postmen are shown by their full name."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from motcua.desk.dossier_page import working_time_text
from motcua.postal.services.pickup import pickup_assign
from tests.desk.test_counter import sign_in
from tests.desk.test_postal_pages import NOW, book, clock  # noqa: F401 - fixtures
from tests.dossiers.conftest import world  # noqa: F401 - the shared fixture
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "vi", "en"),
    [
        (timedelta(hours=4, minutes=30), "4 giờ 30 phút", "4 h 30 min"),
        (timedelta(hours=12.5), "1 ngày 4 giờ 30 phút", "1 d 4 h 30 min"),
        (timedelta(hours=16), "2 ngày", "2 d"),
        (timedelta(minutes=59, seconds=40), "1 giờ", "1 h"),
        (timedelta(0), "0 phút", "0 min"),
        (-timedelta(hours=2, minutes=5), "2 giờ 5 phút", "2 h 5 min"),
    ],
)
def test_working_time_reads_in_days_hours_and_minutes(amount, vi, en):
    with translation.override("vi"):
        assert working_time_text(amount, hours_per_day=8) == vi
    with translation.override("en"):
        assert working_time_text(amount, hours_per_day=8) == en


def test_a_twelve_and_a_half_hour_day_is_not_written_as_decimal_hours():
    with translation.override("vi"):
        assert working_time_text(timedelta(hours=12.5), hours_per_day=24) == "12 giờ 30 phút"


def test_the_dossier_page_clock_has_no_decimal_hours(client, world):
    dossier = world.receive()
    sign_in(client, world.clerk, language="vi")
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    used = re.search(r'class="clock__used">(.*?)<', page, re.S).group(1)
    assert re.fullmatch(r"(\d+ ngày ?)?(\d+ giờ ?)?(\d+ phút)?", used.strip()), used
    assert not re.search(r"\d[.,]\d", used)


def test_postmen_are_listed_by_their_full_name(client, world):
    postman = world.postman
    postman.first_name = postman.last_name = ""
    postman.full_name = "Phạm Văn Nam"
    postman.save()
    order = book(world)
    pickup_assign(order=order, postman=postman, actor=world.clerk)
    sign_in(client, world.clerk, language="vi")
    page = client.get(reverse("desk:postal")).content.decode()
    assert "Phạm Văn Nam" in page
    assert f">{postman.username}<" not in page


def test_a_user_with_only_a_full_name_is_named_by_it():
    user = UserFactory(full_name="Nguyễn Thị Hoa", first_name="", last_name="")
    assert user.get_full_name() == "Nguyễn Thị Hoa" and str(user) == "Nguyễn Thị Hoa"
    assert UserFactory(full_name="", first_name="Hoa", last_name="Nguyễn").get_full_name() == "Hoa Nguyễn"
