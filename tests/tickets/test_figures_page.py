"""The supervisor's queue figures page and its Excel workbook: scope (a clerk sees only their centre and their
own line), the charts and tables, the download, and bad filters answered with a message, never a 500."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from tests.factories import UserFactory

from .conftest import centre_build
from .test_figures import build_two_days

pytestmark = pytest.mark.django_db

PAGE = "/giam-sat/hang-doi/"
PERIOD = {"tu": "23/11/2026", "den": "24/11/2026"}


def test_the_page_shows_the_days_against_the_target_to_a_supervisor(client, centre):
    build_two_days(centre)
    client.force_login(centre.supervisor)

    response = client.get(PAGE, PERIOD | {"diem": centre.point.code})

    assert reverse("tickets:figures") == PAGE
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-verdict="met"') >= 1 and html.count('data-verdict="not_met"') >= 1
    assert html.count('role="img"') == 4  # hours, days, counters, ratings
    assert html.count("<details") == 4  # each chart's numbers as a table
    figures = response.context["figures"]
    assert figures.total.arrivals == 10
    assert {row.key for row in response.context["clerks"]} == {centre.clerks[0].pk, centre.clerks[1].pk}
    assert "tickets:figures_xlsx" not in html and "/giam-sat/hang-doi.xlsx?" in html


def test_a_clerk_sees_only_their_centre_and_their_own_line(client, centre):
    build_two_days(centre)
    elsewhere = centre_build(code="TTHCC-KHAC")
    clerk = centre.clerks[0]
    client.force_login(clerk)

    response = client.get(PAGE, PERIOD)

    assert response.status_code == 200
    assert [point.code for point in response.context["figures"].points] == [centre.point.code]
    assert [row.key for row in response.context["clerks"]] == [clerk.pk]
    assert elsewhere.point.code not in response.content.decode()
    refused = client.get(PAGE, PERIOD | {"diem": elsewhere.point.code})
    assert refused.status_code == 400 and refused.context["figures"] is None
    assert "Trung tâm TTHCC-KHAC" not in refused.content.decode()


def test_someone_without_a_counter_or_supervision_role_is_refused(client, centre):
    planner = UserFactory()
    Assignment.objects.create(user=planner, role=Role.PLANNER)
    client.force_login(planner)

    assert client.get(PAGE).status_code == 403


def test_the_page_defaults_to_today(client, centre):
    client.force_login(centre.supervisor)

    response = client.get(PAGE)

    figures = response.context["figures"]
    assert response.status_code == 200 and figures.start == figures.end and figures.total.arrivals == 0


@pytest.mark.parametrize(
    ("query", "english", "vietnamese"),
    [
        ({"tu": "23/11/2026\x00"}, "character that is not allowed", "ký tự không được phép"),
        ({"tu": "01/01/99999"}, "Enter the date as dd/mm/yyyy", "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"tu": "24/11/2026", "den": "23/11/2026"}, "cannot be before its start", "không được trước ngày đầu"),
        ({"tu": "01/01/2024", "den": "31/12/2026"}, "at most 366 days", "tối đa 366 ngày"),
        ({"diem": "NOPE"}, "No centre “NOPE”", "Không có trung tâm “NOPE”"),
    ],
)
def test_bad_filters_get_a_message_in_both_languages_never_a_500(client, centre, query, english, vietnamese):
    client.force_login(centre.supervisor)

    for language, expected in (("en", english), ("vi", vietnamese)):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(PAGE, query)
        assert response.status_code == 400
        assert expected in response.content.decode()
    assert client.get("/giam-sat/hang-doi.xlsx", query).status_code == 400


def test_the_workbook_has_its_sheets_and_one_row_per_ticket(client, centre):
    tickets = build_two_days(centre)
    client.force_login(centre.supervisor)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/giam-sat/hang-doi.xlsx", PERIOD | {"diem": centre.point.code})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hang-doi-TTHCC-TS-20261123-20261124.xlsx"'
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Per day", "Per hour", "Per counter", "Per clerk", "Tickets"]
    rows = list(book["Tickets"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Centre", "Number", "Service") and book["Tickets"].freeze_panes == "A2"
    assert len(rows) - 1 == 10
    first = next(row for row in rows if row[1] == tickets["t1"].label)
    assert first[5:10] == ("23/11/2026 08:00:00", "23/11/2026 08:10:00", "23/11/2026 08:30:00", 10.0, 20.0)
    days = list(book["Per day"].iter_rows(values_only=True))
    assert [(row[0], row[1]) for row in days[1:]] == [("23/11/2026", 7), ("24/11/2026", 3)]


def test_the_page_takes_a_bounded_number_of_queries(client, centre, django_assert_max_num_queries):
    build_two_days(centre)
    client.force_login(centre.supervisor)

    # About 30 are the desk's (session, the menu's role checks); the figures themselves take 5 however many tickets.
    with django_assert_max_num_queries(45):
        response = client.get(PAGE, PERIOD)

    assert response.status_code == 200
