"""The agency inbox page: tabs with counts, htmx partial and full-page fallback, search, sort, pages, scope."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from time_machine import travel

from motcua.desk import agency
from tests.dossiers.test_inbox import NOW, inbox_dossiers

pytestmark = pytest.mark.django_db

URL = reverse("desk:inbox")
TAB = re.compile(r'data-tab="(\w+)"[^>]*>\s*[^<]*<span class="count[^"]*">(\d+)</span>')
ROW = re.compile(r'<tr data-code="([^"]+)"')


def _get(client, user, path: str = URL, **headers):
    client.force_login(user)
    with travel(NOW, tick=False):
        return client.get(path, headers=headers)


def _tabs(html: str) -> dict[str, int]:
    return {key: int(count) for key, count in TAB.findall(html)}


def _rows(html: str) -> list[str]:
    return ROW.findall(html)


def test_the_tabs_show_the_count_of_each_state(client, world):
    d = inbox_dossiers(world)
    response = _get(client, world.specialist, f"{URL}?tab=new")
    html = response.content.decode()
    assert response.status_code == 200
    assert _tabs(html) == {"new": 3, "in_progress": 1, "due_soon": 1, "overdue": 1, "waiting": 1, "done": 1}
    assert _rows(html) == [d.overdue.code, d.due_soon.code, d.new.code]
    assert 'data-tab="new" aria-current="page"' in html


@pytest.mark.parametrize(
    ("tab", "expected"),
    [
        ("in_progress", "assigned"),
        ("due_soon", "due_soon"),
        ("overdue", "overdue"),
        ("waiting", "waiting"),
        ("done", "done"),
    ],
)
def test_each_tab_lists_its_dossiers(client, world, tab, expected):
    d = inbox_dossiers(world)
    html = _get(client, world.specialist, f"{URL}?tab={tab}").content.decode()
    assert _rows(html) == [getattr(d, expected).code]


def test_a_row_shows_code_procedure_applicant_dates_deadline_and_step(client, world):
    d = inbox_dossiers(world)
    html = _get(client, world.specialist, f"{URL}?tab=in_progress").content.decode()
    assert reverse("desk:dossier", args=[d.assigned.code]) in html
    assert d.assigned.procedure_version.procedure.name in html
    assert "Nguyễn Văn An" in html
    assert "01/12/2026 09:05" in html  # received
    assert d.assigned.appointment_at.astimezone(NOW.tzinfo).strftime("%d/%m/%Y %H:%M") in html
    assert "status--on_track" in html
    assert "2. Thẩm định" in html
    assert str(world.specialist) in html  # the assignee


def test_another_agencys_dossiers_never_appear_on_any_tab(client, world):
    d = inbox_dossiers(world)
    for tab in ("new", "in_progress", "due_soon", "overdue", "waiting", "done"):
        html = _get(client, world.specialist, f"{URL}?tab={tab}").content.decode()
        assert d.police.code not in html
    police_html = _get(client, world.police_specialist, f"{URL}?tab=new").content.decode()
    assert _rows(police_html) == [d.police.code]
    assert _tabs(_get(client, world.outsider).content.decode()) == dict.fromkeys(_tabs(police_html), 0)


def test_htmx_gets_the_tab_bar_and_list_only_and_a_plain_get_the_whole_page(client, world):
    inbox_dossiers(world)
    partial = _get(client, world.specialist, f"{URL}?tab=overdue", HX_Request="true")
    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="inbox-body"')
    assert "<html" not in html
    assert _tabs(html)["overdue"] == 1
    assert "HX-Request" in partial["Vary"]
    whole = _get(client, world.specialist, f"{URL}?tab=overdue").content.decode()
    assert "<html" in whole and 'id="inbox-body"' in whole
    restored = _get(
        client, world.specialist, f"{URL}?tab=overdue", HX_Request="true", HX_History_Restore_Request="true"
    )
    assert "<html" in restored.content.decode()


def test_tabs_search_and_pages_are_links_htmx_can_swap(client, world):
    inbox_dossiers(world)
    html = _get(client, world.specialist, f"{URL}?tab=new").content.decode()
    assert f'hx-get="{URL}?tab=overdue"' in html
    assert 'hx-push-url="true"' in html
    assert f'href="{URL}?tab=overdue"' in html  # works without JavaScript


def test_search_by_code_or_applicant(client, world):
    d = inbox_dossiers(world)
    by_code = _get(client, world.specialist, f"{URL}?tab=new&q={d.due_soon.code}").content.decode()
    assert _rows(by_code) == [d.due_soon.code]
    assert f'value="{d.due_soon.code}"' in by_code  # the search box keeps it
    nobody = _get(client, world.specialist, f"{URL}?tab=new&q=Không Có Ai").content.decode()
    assert _rows(nobody) == []
    assert 'class="empty inbox-empty"' in nobody


def test_sort_by_appointment_latest_first(client, world):
    d = inbox_dossiers(world)
    html = _get(client, world.specialist, f"{URL}?tab=new&sort=-appointment").content.decode()
    assert _rows(html) == [d.new.code, d.due_soon.code, d.overdue.code]
    assert 'aria-sort="descending"' in html


def test_pages_of_the_list(client, world, monkeypatch):
    d = inbox_dossiers(world)
    monkeypatch.setattr(agency, "PAGE_SIZE", 2)
    first = _get(client, world.specialist, f"{URL}?tab=new").content.decode()
    second = _get(client, world.specialist, f"{URL}?tab=new&page=2").content.decode()
    assert _rows(first) == [d.overdue.code, d.due_soon.code]
    assert _rows(second) == [d.new.code]
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_without_a_tab_the_inbox_opens_on_the_first_with_work(client, world):
    html = _get(client, world.specialist).content.decode()
    assert 'data-tab="new" aria-current="page"' in html
    inbox_dossiers(world)
    html = _get(client, world.specialist, f"{URL}?tab=nonsense").content.decode()
    assert 'data-tab="new" aria-current="page"' in html


def test_only_agency_staff_open_the_inbox(client, world):
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.force_login(world.clerk)
    assert client.get(URL).status_code == 403


def test_vietnamese_by_default_english_on_request(client, world):
    inbox_dossiers(world)
    vietnamese = _get(client, world.specialist, f"{URL}?tab=overdue").content.decode()
    assert 'lang="vi"' in vietnamese and "quá hạn" in vietnamese
    client.cookies["django_language"] = "en"
    english = _get(client, world.specialist, f"{URL}?tab=overdue").content.decode()
    assert 'lang="en"' in english and ">overdue<" in english and "Agency inbox" in english
