"""The counter's rating pad: idle until a visitor is served at its counter, then the three buttons; one rating per
ticket; opened only by a pad's key."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.tickets.models import CounterRating, QueueDevice, TicketChannel
from motcua.tickets.services import call_next, shift_open, ticket_finish, ticket_issue

pytestmark = pytest.mark.django_db


def served_at(centre, counter: int, clerk_index: int = 0):
    ticket = ticket_issue(point=centre.point, service=centre.services["C"], channel=TicketChannel.KIOSK)
    clerk = centre.clerks[clerk_index]
    shift_open(user=clerk, counter=centre.counters[counter])
    assert call_next(user=clerk) == ticket
    return ticket_finish(user=clerk, label=ticket.label)


def pad_url(centre, name="pad"):
    return reverse(f"tickets:{name}", args=[centre.pad.key])


def test_an_idle_pad_thanks_and_polls(client, centre):
    response = client.get(pad_url(centre))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Quầy số 1" in html and "Cảm ơn quý khách" in html
    assert f'hx-get="{pad_url(centre, "pad_live")}"' in html and 'hx-trigger="every 4s"' in html
    centre.pad.refresh_from_db()
    assert centre.pad.last_seen_at is not None


def test_the_pad_offers_the_ticket_just_served_at_its_counter(client, centre):
    served_at(centre, counter=2)  # another counter's visitor: not this pad's
    assert 'name="score"' not in client.get(pad_url(centre, "pad_live")).content.decode()
    ticket = served_at(centre, counter=1, clerk_index=1)
    html = client.get(pad_url(centre, "pad_live")).content.decode()
    assert f'name="ticket" value="{ticket.token}"' in html
    assert f"Số thứ tự {ticket.label}" in html
    for value in ("satisfied", "neutral", "dissatisfied"):
        assert f'name="score" value="{value}"' in html


def test_a_rating_on_the_pad_is_recorded_once_then_the_pad_is_idle(client, centre):
    ticket = served_at(centre, counter=1)
    data = {"ticket": ticket.token, "score": "dissatisfied", "reasons": ["long_wait", "attitude"]}
    response = client.post(pad_url(centre, "pad_rate"), data)
    rating = CounterRating.objects.get()
    assert response.status_code == 200 and "Cảm ơn quý khách đã đánh giá!" in response.content.decode()
    assert (rating.ticket, rating.source, rating.score, rating.counter) == (
        ticket,
        "pad",
        "dissatisfied",
        centre.counters[1],
    )
    assert rating.reasons == ["long_wait", "attitude"]
    assert 'name="score"' not in client.get(pad_url(centre, "pad_live")).content.decode()
    again = client.post(pad_url(centre, "pad_rate"), {**data, "score": "satisfied"})
    assert again.status_code == 409
    assert "đã được đánh giá" in again.content.decode()
    assert CounterRating.objects.count() == 1


def test_the_pad_cannot_rate_another_counters_ticket_or_an_unknown_one(client, centre):
    other = served_at(centre, counter=2)
    for token in (other.token, "forged", ""):
        response = client.post(pad_url(centre, "pad_rate"), {"ticket": token, "score": "satisfied"})
        assert response.status_code == 409
        assert "Đã hết thời gian đánh giá" in response.content.decode()
    assert not CounterRating.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{"score": "wow"}, {"score": "neutral", "reasons": ["nope"]}, {"score": "neutral", "comment": "y" * 501}],
)
def test_bad_pad_input_is_a_clear_400(client, centre, data):
    ticket = served_at(centre, counter=1)
    response = client.post(pad_url(centre, "pad_rate"), {"ticket": ticket.token, **data})
    assert response.status_code == 400
    assert 'class="rating__error" role="alert"' in response.content.decode()
    assert not CounterRating.objects.exists()


def test_wrong_or_inactive_pad_key_is_404(client, centre):
    assert client.get(reverse("tickets:pad", args=[centre.kiosk.key])).status_code == 404
    assert client.get(reverse("tickets:pad", args=["x" * 64])).status_code == 404
    QueueDevice.objects.filter(pk=centre.pad.pk).update(is_active=False)
    assert client.get(pad_url(centre)).status_code == 404
    assert client.post(pad_url(centre, "pad_rate"), {"score": "satisfied"}).status_code == 404
