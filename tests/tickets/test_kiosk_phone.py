"""The visitor's phone: the centre's queue page takes a ticket (throttled, honeypot), the ticket's page follows it
(waiting, called, served), cancels it, and rates the service once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.tickets.models import CounterRating, QueueService, Ticket, TicketChannel, TicketStatus
from motcua.tickets.services import call_next, shift_open, ticket_finish, ticket_issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def take(client, centre, letter="A", **data):
    payload = {"service": centre.services[letter].pk, "priority": "", "website": "", **data}
    return client.post(reverse("tickets:centre_take", args=[centre.point.code]), payload)


def issue(centre, letter="A"):
    return ticket_issue(point=centre.point, service=centre.services[letter], channel=TicketChannel.KIOSK)


def serve(centre, ticket, counter=1):
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[counter])
    assert call_next(user=clerk) == ticket
    return clerk


def page(client, ticket):
    return client.get(reverse("tickets:ticket", args=[ticket.token]))


# --- the centre's page -------------------------------------------------------------------------------


def test_centre_page_lists_services_with_waiting_counts(client, centre):
    issue(centre, "A")
    issue(centre, "A")
    response = client.get(reverse("tickets:centre", args=[centre.point.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nộp hồ sơ hộ tịch" in html and "2 người chờ trước bạn" in html
    assert "0 người chờ trước bạn" in html  # land: the civil-status tickets are not ahead
    assert 'name="website"' in html and "csrfmiddlewaretoken" in html


def test_centre_page_is_404_for_an_unknown_centre_or_one_without_a_queue(client, centre):
    assert client.get(reverse("tickets:centre", args=["NO.SUCH"])).status_code == 404
    QueueService.objects.filter(point=centre.point).update(is_active=False)
    assert client.get(reverse("tickets:centre", args=[centre.point.code])).status_code == 404


def test_a_phone_ticket_is_taken_and_its_page_opened(client, centre):
    response = take(client, centre, "C", priority="elderly")
    ticket = Ticket.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("tickets:ticket", args=[ticket.token])
    assert (ticket.channel, ticket.priority, ticket.device) == (TicketChannel.PHONE, "elderly", None)


def test_phone_tickets_are_limited_per_client_address(client, centre, settings):
    settings.QUEUE_PHONE_TICKETS_MAX = 2
    assert take(client, centre).status_code == 303
    assert take(client, centre).status_code == 303
    response = take(client, centre)
    assert response.status_code == 429
    assert "tối đa 2 số thứ tự trong một giờ" in response.content.decode()
    assert Ticket.objects.count() == 2
    # Another address is not held back by this one.
    assert take(client, centre, REMOTE_ADDR="203.0.113.9").status_code in (303, 429)
    other = client.post(
        reverse("tickets:centre_take", args=[centre.point.code]),
        {"service": centre.services["A"].pk},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 303


def test_the_honeypot_refuses_and_counts(client, centre, settings):
    settings.QUEUE_PHONE_TICKETS_MAX = 1
    response = take(client, centre, website="http://spam.example")
    assert response.status_code == 400
    assert "được gửi tự động" in response.content.decode()
    assert not Ticket.objects.exists()
    assert take(client, centre).status_code == 429


@pytest.mark.parametrize(
    "data",
    [{"priority": "king"}, {"service": "9" * 40}, {"service": "-1"}, {"service": ""}],
)
def test_bad_phone_input_is_a_clear_400(client, centre, data):
    response = take(client, centre, **data)
    assert response.status_code == 400
    assert 'class="form-field__error"' in response.content.decode()
    assert not Ticket.objects.exists()


# --- the ticket's page ---------------------------------------------------------------------------------


def test_a_waiting_ticket_shows_people_ahead_and_polls(client, centre):
    issue(centre, "A")
    ticket = issue(centre, "A")
    html = page(client, ticket).content.decode()
    assert ticket.label in html and "Đang chờ đến lượt" in html
    assert "Số người chờ trước</dt><dd>1</dd>" in html
    assert f'hx-get="{reverse("tickets:ticket_live", args=[ticket.token])}?s=waiting"' in html
    assert 'hx-trigger="every 5s"' in html
    assert reverse("tickets:ticket_cancel", args=[ticket.token]) in html


def test_a_called_ticket_says_which_counter_prominently(client, centre):
    ticket = issue(centre, "A")
    serve(centre, ticket, counter=3)
    html = page(client, ticket).content.decode()
    assert 'class="queue-ticket__call" role="alert"' in html
    assert "Quầy số 3" in html and "Mời bạn đến" in html
    assert reverse("tickets:ticket_cancel", args=[ticket.token]) not in html


def test_the_live_part_reloads_the_page_when_the_status_changed(client, centre):
    ticket = issue(centre, "A")
    url = reverse("tickets:ticket_live", args=[ticket.token])
    same = client.get(url + "?s=waiting", HTTP_HX_REQUEST="true")
    assert same.status_code == 200 and "HX-Refresh" not in same
    assert "<html" not in same.content.decode()
    serve(centre, ticket)
    changed = client.get(url + "?s=waiting", HTTP_HX_REQUEST="true")
    assert changed["HX-Refresh"] == "true"
    assert "Quầy số 1" in changed.content.decode()


def test_a_served_ticket_offers_the_rating_and_stops_polling(client, centre):
    ticket = issue(centre, "A")
    clerk = serve(centre, ticket)
    ticket_finish(user=clerk, label=ticket.label)
    html = page(client, ticket).content.decode()
    assert "Đã phục vụ xong" in html
    assert "hx-trigger" not in html
    assert reverse("tickets:ticket_rate", args=[ticket.token]) in html
    for value in ("satisfied", "neutral", "dissatisfied"):
        assert f'name="score" value="{value}"' in html
    assert 'name="reasons" value="long_wait"' in html


def test_unknown_token_is_404(client, centre):
    assert client.get(reverse("tickets:ticket", args=["nope"])).status_code == 404
    ticket = issue(centre)
    assert client.get(f"/hang-doi/ve/{ticket.pk}/").status_code == 404


def test_the_visitor_cancels_while_waiting_but_not_once_called(client, centre):
    ticket = issue(centre, "A")
    response = client.post(reverse("tickets:ticket_cancel", args=[ticket.token]))
    ticket.refresh_from_db()
    assert response.status_code == 303 and ticket.status == TicketStatus.CANCELLED
    assert "Bạn đã huỷ số thứ tự này." in page(client, ticket).content.decode()

    called = issue(centre, "A")
    serve(centre, called)
    refused = client.post(reverse("tickets:ticket_cancel", args=[called.token]))
    called.refresh_from_db()
    assert refused.status_code == 409 and called.status == TicketStatus.CALLED
    assert 'class="alert alert--error"' in refused.content.decode()


def _served(centre):
    ticket = issue(centre, "A")
    clerk = serve(centre, ticket)
    return ticket_finish(user=clerk, label=ticket.label)


def test_the_visitor_rates_on_the_phone_once(client, centre):
    ticket = _served(centre)
    url = reverse("tickets:ticket_rate", args=[ticket.token])
    data = {"score": "satisfied", "reasons": ["fast", "helpful"], "comment": "  Rất nhanh  "}
    response = client.post(url, data)
    rating = CounterRating.objects.get()
    assert response.status_code == 303
    assert (rating.score, rating.reasons, rating.comment, rating.source) == (
        "satisfied",
        ["fast", "helpful"],
        "Rất nhanh",
        "phone",
    )
    assert rating.counter == centre.counters[1] and rating.clerk == centre.clerks[0]
    assert "Cảm ơn bạn đã đánh giá" in page(client, ticket).content.decode()
    again = client.post(url, {"score": "dissatisfied"})
    assert again.status_code == 409
    assert "đã được đánh giá" in again.content.decode() or "rated already" in again.content.decode()
    assert CounterRating.objects.count() == 1


def test_a_waiting_ticket_cannot_be_rated(client, centre):
    ticket = issue(centre)
    response = client.post(reverse("tickets:ticket_rate", args=[ticket.token]), {"score": "satisfied"})
    assert response.status_code == 409
    assert not CounterRating.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"score": "ecstatic"}, "Chọn hài lòng, bình thường hoặc không hài lòng"),
        ({}, "Chọn hài lòng, bình thường hoặc không hài lòng"),
        ({"score": "neutral", "reasons": ["bribe"]}, "Chọn lý do trong danh sách."),
        ({"score": "neutral", "comment": "x" * 5000}, "Ý kiến không quá 500 ký tự."),
    ],
)
def test_bad_rating_input_is_a_clear_message(client, centre, data, message):
    ticket = _served(centre)
    response = client.post(reverse("tickets:ticket_rate", args=[ticket.token]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CounterRating.objects.exists()


def test_a_nul_byte_in_the_rating_is_a_400_not_a_500(client, centre):
    ticket = _served(centre)
    response = client.post(
        reverse("tickets:ticket_rate", args=[ticket.token]), {"score": "neutral", "comment": "a\x00"}
    )
    assert response.status_code == 400
    assert not CounterRating.objects.exists()
