"""The clerk's queue panel (/quay/hang-doi/): open a counter, call, call again, absent, transfer, finish, call a
number, put back; scope and roles; refusals shown in the panel with their status, never a 500."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.tickets.models import CounterShift, Ticket, TicketChannel, TicketStatus
from motcua.tickets.services import shift_open, ticket_issue
from tests.factories import UserFactory
from tests.tickets.conftest import centre_build

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "queue-panel"}


def issue(centre, letter, **kwargs):
    return ticket_issue(point=centre.point, service=centre.services[letter], channel=TicketChannel.KIOSK, **kwargs)


def post(client, action, data=None, **headers):
    return client.post(reverse(f"tickets:queue_{action}"), data or {}, **(headers or HTMX))


@pytest.fixture
def clerk(client, centre):
    client.force_login(centre.clerks[0])
    return centre.clerks[0]


def test_the_page_offers_the_counters_of_my_points(client, centre, clerk):
    other = centre_build(code="TTHCC-KHAC")
    html = client.get(reverse("tickets:queue")).content.decode()
    assert 'name="counter"' in html
    for counter in centre.counters.values():
        assert f'value="{counter.pk}"' in html
    assert f'value="{other.counters[1].pk}"' not in html
    assert reverse("tickets:queue") in html  # the desk menu's "Queue" entry


def test_open_call_recall_and_finish_with_htmx(client, centre, clerk):
    first = issue(centre, "A")
    second = issue(centre, "C")
    response = post(client, "open", {"counter": centre.counters[1].pk})
    assert response.status_code == 200
    assert CounterShift.objects.get(user=clerk, closed_at__isnull=True).counter == centre.counters[1]
    assert "<html" not in response.content.decode()  # the panel only

    response = post(client, "next", {"serving": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-serving="{first.label}"' in html
    assert reverse("desk:counter") in html  # receive the dossier while serving
    assert second.label in html  # still waiting

    response = post(client, "recall", {"label": first.label})
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.calls == 2

    response = post(client, "finish", {"label": first.label})
    first.refresh_from_db()
    assert response.status_code == 200
    assert first.status == TicketStatus.DONE


def test_call_next_finishes_the_current_visitor_and_a_stale_panel_does_nothing(client, centre, clerk):
    first, second, third = issue(centre, "A"), issue(centre, "A"), issue(centre, "A")
    post(client, "open", {"counter": centre.counters[1].pk})
    post(client, "next", {"serving": ""})
    post(client, "next", {"serving": first.label})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == TicketStatus.DONE
    assert second.status == TicketStatus.CALLED
    # A second tab still showing the first visitor presses "call next": refused, nobody skipped.
    response = post(client, "next", {"serving": first.label})
    assert response.status_code == 409
    assert 'data-error="next"' in response.content.decode()
    assert "chưa cập nhật" in response.content.decode()  # the message, in the active language (Vietnamese)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == TicketStatus.CALLED
    assert third.status == TicketStatus.WAITING


def test_absent_is_offered_only_after_the_calls_and_the_visitor_can_be_put_back(client, centre, clerk, settings):
    settings.QUEUE_NO_SHOW_CALLS = 2
    ticket = issue(centre, "A")
    post(client, "open", {"counter": centre.counters[1].pk})
    html = post(client, "next", {"serving": ""}).content.decode()
    assert re.search(r"<button[^>]*data-no-show disabled", html)
    early = post(client, "no_show", {"label": ticket.label})
    assert early.status_code == 409
    assert 'role="alert"' in early.content.decode()
    html = post(client, "recall", {"label": ticket.label}).content.decode()
    assert re.search(r"<button[^>]*data-no-show>", html)
    response = post(client, "no_show", {"label": ticket.label})
    ticket.refresh_from_db()
    assert response.status_code == 200
    assert ticket.status == TicketStatus.NO_SHOW

    response = post(client, "requeue", {"label": ticket.label.lower()})
    ticket.refresh_from_db()
    assert response.status_code == 200
    assert ticket.status == TicketStatus.WAITING


def test_transfer_to_a_counter_and_to_a_field(client, centre, clerk):
    visitor = issue(centre, "A")
    post(client, "open", {"counter": centre.counters[1].pk})
    post(client, "next", {"serving": ""})
    response = post(client, "transfer", {"label": visitor.label, "target": f"c{centre.counters[3].pk}"})
    visitor.refresh_from_db()
    assert response.status_code == 200
    assert visitor.status == TicketStatus.WAITING
    assert visitor.target_counter == centre.counters[3]

    other = issue(centre, "A")
    post(client, "call_number", {"label": other.label})
    response = post(client, "transfer", {"label": other.label, "target": f"f{centre.land.pk}"})
    other.refresh_from_db()
    assert response.status_code == 200
    assert other.field == centre.land
    assert other.target_counter is None


def test_a_transfer_to_another_centres_counter_or_nowhere_is_refused(client, centre, clerk):
    other_centre = centre_build(code="TTHCC-KHAC")
    visitor = issue(centre, "A")
    post(client, "open", {"counter": centre.counters[1].pk})
    post(client, "next", {"serving": ""})
    for target in (f"c{other_centre.counters[1].pk}", "", "x", "c99999999999999999999999"):
        response = post(client, "transfer", {"label": visitor.label, "target": target})
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    visitor.refresh_from_db()
    assert visitor.status == TicketStatus.CALLED


def test_call_a_given_number(client, centre, clerk):
    issue(centre, "A")
    wanted = issue(centre, "C")
    post(client, "open", {"counter": centre.counters[4].pk})
    response = post(client, "call_number", {"label": f" {wanted.label.lower()} "})
    wanted.refresh_from_db()
    assert response.status_code == 200
    assert wanted.status == TicketStatus.CALLED
    assert wanted.counter == centre.counters[4]


def test_a_clerk_of_another_point_cannot_open_this_points_counter(client, centre):
    other = centre_build(code="TTHCC-KHAC")
    client.force_login(other.clerks[0])
    response = post(client, "open", {"counter": centre.counters[1].pk})
    assert response.status_code == 403
    assert not CounterShift.objects.filter(user=other.clerks[0]).exists()
    assert 'role="alert"' in response.content.decode()


def test_a_counter_another_clerk_holds_is_refused(client, centre, clerk):
    shift_open(user=centre.clerks[1], counter=centre.counters[2])
    response = post(client, "open", {"counter": centre.counters[2].pk})
    assert response.status_code == 409
    assert CounterShift.objects.get(counter=centre.counters[2], closed_at__isnull=True).user == centre.clerks[1]


def test_a_role_without_counter_work_is_refused(client, centre):
    nobody = UserFactory(username="no-counter-role")
    client.force_login(nobody)
    assert client.get(reverse("tickets:queue")).status_code == 403
    assert post(client, "next", {"serving": ""}).status_code == 403
    client.logout()
    assert client.get(reverse("tickets:queue")).status_code == 302  # to the sign-in page


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("open", {"counter": "99999999999999999999999"}),
        ("open", {"counter": "abc"}),
        ("open", {"counter": "999999"}),
        ("call_number", {"label": "A\x00012"}),
        ("call_number", {"label": "x" * 500}),
        ("call_number", {"label": "Z999"}),
        ("requeue", {"label": "A001"}),
        ("recall", {}),
        ("finish", {"label": "A001"}),
        ("next", {"serving": "A\x00"}),
    ],
)
def test_bad_input_is_a_message_never_a_500(client, centre, clerk, action, data):
    response = post(client, action, data)
    assert 400 <= response.status_code < 500
    if any("\x00" in value for value in data.values()):
        assert "NUL" in response.content.decode()  # the site's input guard, before the view
    else:
        assert 'role="alert"' in response.content.decode()


def test_without_javascript_the_page_posts_and_comes_back(client, centre, clerk):
    ticket = issue(centre, "A")
    response = client.post(reverse("tickets:queue_open"), {"counter": centre.counters[1].pk})
    assert response.status_code == 302
    client.post(reverse("tickets:queue_next"), {"serving": ""})
    page = client.get(reverse("tickets:queue")).content.decode()
    assert f'data-serving="{ticket.label}"' in page
    refused = client.post(reverse("tickets:queue_call_number"), {"label": "Z999"})
    assert refused.status_code == 404
    assert "<html" in refused.content.decode()


def test_close_the_counter(client, centre, clerk):
    ticket = issue(centre, "A")
    post(client, "open", {"counter": centre.counters[1].pk})
    post(client, "next", {"serving": ""})
    response = post(client, "close")
    ticket.refresh_from_db()
    assert response.status_code == 200
    assert ticket.status == TicketStatus.DONE
    assert not CounterShift.objects.filter(user=clerk, closed_at__isnull=True).exists()


def test_the_waiting_list_refreshes_in_queue_order(client, centre, clerk):
    post(client, "open", {"counter": centre.counters[1].pk})
    labels = [issue(centre, letter).label for letter in "ABA"]
    html = client.get(reverse("tickets:queue_live"), HTTP_HX_REQUEST="true").content.decode()
    civil = [label for label in labels if label.startswith("A")]
    assert html.index(civil[0]) < html.index(civil[1])
    assert labels[1] not in html  # land: not this counter's
    assert Ticket.objects.filter(status=TicketStatus.WAITING).count() == 3


def test_a_refusal_reads_in_the_active_language(client, centre, clerk, settings):
    post(client, "open", {"counter": centre.counters[1].pk})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(client, "call_number", {"label": "Z999"})
    assert response.status_code == 404
    assert "No ticket numbered “Z999” is open at this centre today." in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    html = post(client, "call_number", {"label": "Z999"}).content.decode()
    assert "No ticket numbered" not in html
    assert "Z999" in html
