"""Register 07 from the supervision page: a point and a period, as PDF or Excel, the same dossiers in both;
a bad period is an error beside its field with everything typed kept."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from time_machine import travel

from motcua.desk.supervision_forms import DayField
from motcua.dossiers.services.receive import dossier_receive
from motcua.dossiers.slips.register_xlsx import HEADER_ROW
from tests.dossiers.conftest import at
from tests.dossiers.test_slips import read

pytestmark = pytest.mark.django_db

PDF = reverse("desk:supervision_register_pdf")
XLSX = reverse("desk:supervision_register_xlsx")
PAGE = reverse("desk:supervision_register")


@pytest.fixture
def november(world):
    """At the office: two dossiers in November, one on 1 December, and one the police lead (outside the
    committee supervisor's scope); at the other office: one in November."""
    with travel(at("26/11/2026 10:00"), tick=False):
        inside = [world.receive(received_at=at("03/11/2026 09:00")), world.receive(received_at=at("30/11/2026 16:00"))]
        later = world.receive(received_at=at("01/12/2026 08:00"))
        police = world.receive(received_at=at("10/11/2026 09:00"), lead_agency=world.police)
        reception = world.reception(receiving_point=world.other_office)
        elsewhere = dossier_receive(reception=reception, actor=world.other_clerk, received_at=at("10/11/2026 10:00"))
    return {"inside": inside, "later": later, "police": police, "elsewhere": elsewhere}


def _query(world, **overrides: str) -> str:
    return urlencode({"diem": world.office.code, "tu": "01/11/2026", "den": "30/11/2026", **overrides})


def _codes(workbook_bytes: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(workbook_bytes)).active
    return [row[1] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[1]]


def test_the_pdf_register_lists_the_points_dossiers_of_the_period(client, world, november):
    client.force_login(world.onestop)
    response = client.get(f"{PDF}?{_query(world)}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"so-theo-doi-{world.office.code}-20261101-20261130.pdf" in response["Content-Disposition"]
    text = read(response.content, landscape=True)
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    for dossier in november["inside"]:
        assert dossier.code in text
    for dossier in (november["later"], november["police"], november["elsewhere"]):
        assert dossier.code not in text


def test_the_excel_register_has_the_same_rows(client, world, november):
    client.force_login(world.onestop)
    response = client.get(f"{XLSX}?{_query(world)}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"so-theo-doi-{world.office.code}-20261101-20261130.xlsx" in response["Content-Disposition"]
    assert _codes(response.content) == [d.code for d in november["inside"]]

    pdf_text = read(client.get(f"{PDF}?{_query(world)}").content, landscape=True)
    assert all(code in pdf_text for code in _codes(response.content))


def test_the_register_follows_the_users_scope(client, world, november):
    """The clerk's own point, whoever leads: the police-led dossier is in a postal supervisor's register."""
    from motcua.agencies.models import Role, StaffAssignment
    from tests.factories import UserFactory

    supervisor = UserFactory()
    StaffAssignment.objects.create(user=supervisor, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    client.force_login(supervisor)
    codes = _codes(client.get(f"{XLSX}?{_query(world)}").content)
    assert set(codes) == {d.code for d in november["inside"]} | {november["police"].code}


def test_an_empty_period_gives_an_empty_register_that_still_names_its_point(client, world, november):
    client.force_login(world.onestop)
    response = client.get(f"{XLSX}?{_query(world, tu='01/01/2026', den='31/01/2026')}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert _codes(response.content) == []
    assert world.office.name in sheet["A2"].value


@pytest.mark.parametrize("url", [PDF, XLSX])
def test_a_period_ending_before_it_starts_is_an_error_beside_the_end_and_keeps_the_input(client, world, url):
    client.force_login(world.onestop)
    response = client.get(f"{url}?{_query(world, tu='30/11/2026', den='01/11/2026')}")
    html = response.content.decode()

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    end = html[html.index('data-field="den"') :]
    assert 'class="errorlist"' in end[: end.index("</ul>")]
    assert 'value="30/11/2026"' in html and 'value="01/11/2026"' in html
    assert f'value="{world.office.code}" selected' in html


def test_a_date_not_in_dd_mm_yyyy_is_an_error_beside_it(client, world):
    client.force_login(world.onestop)
    response = client.get(f"{PDF}?{_query(world, tu='2026/11/01')}")
    html = response.content.decode()

    assert response.status_code == 400
    with translation.override("vi"):
        message = str(DayField.default_error_messages["invalid"])
    start = html[html.index('data-field="tu"') :]
    assert message in start[: start.index('data-field="den"')]
    assert 'value="2026/11/01"' in html


def test_a_point_outside_the_scope_cannot_be_chosen(client, world):
    client.force_login(world.other_clerk)  # not a supervisor: refused outright
    assert client.get(f"{PDF}?{_query(world)}").status_code == 403
    client.force_login(world.onestop)
    response = client.get(f"{PDF}?{_query(world, diem='VNP.99.1')}")
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_the_register_page_offers_the_form_with_this_month(client, world):
    client.force_login(world.onestop)
    with travel(at("25/11/2026 10:00"), tick=False):
        html = client.get(PAGE).content.decode()
    assert 'value="01/11/2026"' in html and 'value="25/11/2026"' in html
    assert f'formaction="{XLSX}"' in html and f'action="{PDF}"' in html
