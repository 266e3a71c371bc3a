"""The supervision page: who may open it, today's workload, the department's dossiers with filters, tabs per
deadline flag, pages, and the htmx partial with its plain-GET fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import translation
from time_machine import travel

from motcua.agencies.models import Role, StaffAssignment
from motcua.desk.supervision_forms import DayField
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import ApplicantKind, Dossier
from motcua.dossiers.services.receive import Applicant, dossier_receive
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import perform
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("desk:supervision")
NOW = at("02/12/2026 10:00")  # a Wednesday
ROW = re.compile(r'<tr data-code="([^"]+)" data-flag="(\w+)"')
DOT = r'(?:<span class="dot[^"]*" aria-hidden="true"></span>)?'
TAB = re.compile(r'data-flag="(\w*)"[^>]*>\s*' + DOT + r'[^<]*<span class="count[^"]*">(\d+)</span>')
FIGURE = re.compile(r'data-figure="(\w+)"><dt>[^<]*</dt><dd>(\d+)</dd>')


@dataclass
class Department:
    overdue: Dossier  # received 20/11, due 27/11
    due_soon: Dossier  # received 25/11 13:30, due 02/12 13:30
    on_track: Dossier  # received 01/12, given to the specialist
    paused: Dossier  # a supplement was requested
    ended: Dossier  # approved
    other_point: Dossier  # received at the other post office, by Trần Thị Bình
    police: Dossier  # led by the provincial police: outside the committee supervisor's scope


def _at(when: str, step):
    with travel(at(when), tick=False):
        return step()


def department(world) -> Department:
    def received(when: str, **overrides) -> Dossier:
        return _at(when, lambda: world.receive(received_at=at(when), **overrides))

    def then(when: str, dossier: Dossier, action: Action) -> Dossier:
        return _at(when, lambda: perform(world, dossier, action))

    overdue = then("20/11/2026 09:30", received("20/11/2026 09:00"), Action.TRANSFER)
    due_soon = then("25/11/2026 14:00", received("25/11/2026 13:30"), Action.TRANSFER)
    on_track = then(
        "01/12/2026 10:00", then("01/12/2026 09:30", received("01/12/2026 09:00"), Action.TRANSFER), Action.ASSIGN_STEP
    )
    paused = then(
        "01/12/2026 10:00",
        then("01/12/2026 09:30", received("01/12/2026 09:10"), Action.TRANSFER),
        Action.REQUEST_SUPPLEMENT,
    )
    ended = then(
        "01/12/2026 15:00", then("01/12/2026 09:30", received("01/12/2026 09:15"), Action.TRANSFER), Action.APPROVE
    )
    applicant = Applicant(
        kind=ApplicantKind.CITIZEN,
        name="Trần Thị Bình",
        id_number="042199009876",
        address="Thạch Hà",
        phone="0987654321",
    )
    reception = world.reception(receiving_point=world.other_office, applicant=applicant)
    other_point = _at(
        "01/12/2026 09:20",
        lambda: dossier_receive(reception=reception, actor=world.other_clerk, received_at=at("01/12/2026 09:20")),
    )
    police = received("01/12/2026 09:25", lead_agency=world.police)
    return Department(overdue, due_soon, on_track, paused, ended, other_point, police)


def _get(client, user, path: str = URL, **headers):
    client.force_login(user)
    with travel(NOW, tick=False):
        return client.get(path, headers=headers)


def _rows(html: str) -> list[str]:
    return [code for code, _flag in ROW.findall(html)]


def _tabs(html: str) -> dict[str, int]:
    return {key: int(count) for key, count in TAB.findall(html)}


def _field_block(html: str, name: str) -> str:
    """The field's wrapper up to the next field: its label, input and errors."""
    start = html.index(f'data-field="{name}"')
    end = html.find('data-field="', start + 1)
    return html[start : end if end > 0 else None]


# --- access ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "desk:supervision",
        "desk:supervision_register",
        "desk:supervision_register_pdf",
        "desk:supervision_register_xlsx",
    ],
)
def test_clerks_and_specialists_are_refused(client, world, name):
    for user in (world.clerk, world.specialist, world.leader, world.postman):
        assert _get(client, user, reverse(name)).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_one_stop_supervisor_sees_the_departments_dossiers_and_nothing_else(client, world):
    d = department(world)
    response = _get(client, world.onestop)
    html = response.content.decode()

    assert response.status_code == 200
    # Open dossiers first, the most urgent on top; ended ones after.
    assert _rows(html) == [
        d.overdue.code,
        d.due_soon.code,
        d.on_track.code,
        d.paused.code,  # its clock stands still, but it is open: by its appointment
        d.other_point.code,
        d.ended.code,
    ]
    assert d.police.code not in html
    assert dict(ROW.findall(html))[d.paused.code] == "paused"
    assert _tabs(html) == {"": 6, "overdue": 1, "due_soon": 1, "on_track": 2, "paused": 1, "ended": 1}
    assert 'data-flag="" aria-current="page"' in html


def test_a_postal_supervisor_sees_the_dossiers_of_their_point_whoever_leads_them(client, world):
    d = department(world)
    supervisor = UserFactory()
    StaffAssignment.objects.create(user=supervisor, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    html = _get(client, supervisor).content.decode()

    rows = _rows(html)
    assert d.police.code in rows and d.overdue.code in rows
    assert d.other_point.code not in rows
    assert "Reassign" not in html and reverse("desk:supervision_assign", args=[d.on_track.code]) not in html


# --- workload --------------------------------------------------------------------------------------------------


def test_the_page_shows_todays_workload_and_a_chart_per_point(client, world):
    d = department(world)
    with travel(at("02/12/2026 08:00"), tick=False):
        world.receive()
    with travel(at("02/12/2026 08:30"), tick=False):
        perform(world, world.receive(), Action.TRANSFER)
    html = _get(client, world.onestop).content.decode()

    assert dict(FIGURE.findall(html)) == {
        "received": "2",
        "handed_over": "1",
        "returned": "0",
        "open": "7",
        "overdue": "1",
    }
    office = html[html.index(f'data-point="{world.office.code}"') :]
    assert re.search(r'bar--received" data-value="2" style="width: 100%"', office)
    other = html[html.index(f'data-point="{world.other_office.code}"') :]
    assert re.search(r'bar--received" data-value="0" style="width: 0%"', other)
    assert str(world.specialist) in html and d.on_track.code in html


# --- filters ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("han=overdue", ["overdue"]),
        ("han=paused", ["paused"]),
        ("han=on_track", ["on_track", "other_point"]),
        ("trang_thai=in_process", ["overdue", "due_soon", "on_track"]),
        ("diem={other}", ["other_point"]),
        ("co_quan={committee}", ["overdue", "due_soon", "on_track", "paused", "other_point", "ended"]),
        ("tu=01/12/2026&den=01/12/2026", ["on_track", "paused", "other_point", "ended"]),
        ("den=25/11/2026", ["overdue", "due_soon"]),
        ("q=Trần Thị Bình", ["other_point"]),
        ("q=042199009876", ["other_point"]),
        ("trang_thai=in_process&han=overdue", ["overdue"]),
    ],
)
def test_filters_narrow_the_list(client, world, query, expected):
    d = department(world)
    path = f"{URL}?{query.format(other=world.other_office.code, committee=world.committee.code)}"
    html = _get(client, world.onestop, path).content.decode()
    assert _rows(html) == [getattr(d, name).code for name in expected]


def test_search_by_part_of_a_code(client, world):
    d = department(world)
    html = _get(client, world.onestop, f"{URL}?q={d.due_soon.code[-11:]}").content.decode()
    assert _rows(html) == [d.due_soon.code]


def test_the_tabs_count_what_the_other_filters_leave(client, world):
    department(world)
    html = _get(client, world.onestop, f"{URL}?trang_thai=in_process&han=overdue").content.decode()
    assert _tabs(html) == {"": 3, "overdue": 1, "due_soon": 1, "on_track": 1, "paused": 0, "ended": 0}
    assert 'data-flag="overdue" aria-current="page"' in html


def test_a_date_not_in_dd_mm_yyyy_is_an_error_beside_its_field_and_filters_nothing(client, world):
    d = department(world)
    html = _get(client, world.onestop, f"{URL}?tu=2026-13-01&q={d.overdue.code}").content.decode()

    with translation.override("vi"):
        message = str(DayField.default_error_messages["invalid"])
    assert message in _field_block(html, "tu")
    assert 'value="2026-13-01"' in html  # what was typed stays
    assert _rows(html) == [d.overdue.code]  # the valid filter still applies


def test_a_period_ending_before_it_starts_is_refused_beside_the_end(client, world):
    department(world)
    html = _get(client, world.onestop, f"{URL}?tu=02/12/2026&den=01/12/2026").content.decode()
    assert 'class="errorlist"' in _field_block(html, "den")


def test_an_agency_outside_the_scope_cannot_be_chosen(client, world):
    d = department(world)
    html = _get(client, world.onestop, f"{URL}?co_quan={world.police.code}").content.decode()
    assert 'class="errorlist"' in _field_block(html, "co_quan")
    assert d.police.code not in html
    assert len(_rows(html)) == 6


# --- htmx and pages --------------------------------------------------------------------------------------------


def test_htmx_gets_the_list_alone_with_its_errors_and_tab_out_of_band(client, world):
    d = department(world)
    response = _get(
        client, world.onestop, f"{URL}?han=overdue&tu=bad", **{"HX-Request": "true", "HX-Target": "dossier-list"}
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html and 'id="dossier-list"' in html
    assert _rows(html) == [d.overdue.code]
    assert 'id="filter-flag" value="overdue" hx-swap-oob="true"' in html
    assert re.search(r'id="id_tu_errors" hx-swap-oob="true"><ul class="errorlist">', html)
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_same_url_gives_the_whole_page(client, world):
    department(world)
    html = _get(client, world.onestop, f"{URL}?han=overdue").content.decode()
    assert "<html" in html and 'id="dossier-list"' in html and 'data-figure="received"' in html
    assert "hx-swap-oob" not in html
    # A history restore asks for the whole page too.
    restored = _get(
        client,
        world.onestop,
        f"{URL}?han=overdue",
        **{"HX-Request": "true", "HX-Target": "dossier-list", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restored.content.decode()


def test_the_list_has_pages(client, world):
    department(world)
    with travel(at("01/12/2026 14:00"), tick=False):
        for _ in range(20):
            world.receive()
    first = _get(client, world.onestop).content.decode()
    second = _get(client, world.onestop, f"{URL}?trang=2").content.decode()

    assert len(_rows(first)) == 25 and len(_rows(second)) == 1
    assert set(_rows(first)).isdisjoint(_rows(second))
    assert "?trang=2" in first and 'rel="next"' in first


def test_only_dossiers_in_process_offer_reassignment(client, world):
    d = department(world)
    html = _get(client, world.onestop).content.decode()
    for dossier in (d.overdue, d.due_soon, d.on_track):
        assert reverse("desk:supervision_assign", args=[dossier.code]) in html
    for dossier in (d.paused, d.ended, d.other_point):
        assert reverse("desk:supervision_assign", args=[dossier.code]) not in html
    assert reverse("desk:dossier", args=[d.overdue.code]) in html
