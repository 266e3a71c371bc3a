"""The display (/hang-doi/man-hinh/<key>/): opened by its secret key only, a JSON feed of the state and the new
calls, the spoken sentence and its WAV from espeak-ng."""

from __future__ import annotations

import shutil

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.tickets.calling import audio
from motcua.tickets.models import QueueDevice, TicketChannel, TicketEvent, TicketEventKind
from motcua.tickets.services import call_next, shift_open, ticket_issue, ticket_recall

pytestmark = pytest.mark.django_db


def issue(centre, letter):
    return ticket_issue(point=centre.point, service=centre.services[letter], channel=TicketChannel.KIOSK)


def feed(client, device, after=None):
    url = reverse("tickets:display_feed", args=[device.key])
    return client.get(url, {} if after is None else {"after": after})


def test_the_sentence_spells_the_number_and_says_the_counter():
    assert audio.call_sentence(label="A012", counter_number=3) == (
        "Mời công dân có số thứ tự a không một hai, đến quầy số ba."
    )
    assert audio.call_sentence(label="B104", counter_number=15) == (
        "Mời công dân có số thứ tự bê một không bốn, đến quầy số mười lăm."
    )
    assert audio.number_spoken(21) == "hai mươi mốt"
    assert audio.number_spoken(105) == "một trăm linh năm"


def test_the_page_opens_by_the_displays_key_only(client, centre):
    display = centre.displays[0]
    response = client.get(reverse("tickets:display", args=[display.key]))
    html = response.content.decode()
    assert response.status_code == 200
    assert centre.point.name in html
    assert reverse("tickets:display_feed", args=[display.key]) in html
    display.refresh_from_db()
    assert display.last_seen_at is not None
    for key in ("nope", centre.kiosk.key, centre.pad.key, "x" * 300):
        assert client.get(reverse("tickets:display", args=[key])).status_code == 404
        assert feed(client, QueueDevice(key=key)).status_code == 404
    QueueDevice.objects.filter(pk=display.pk).update(is_active=False)
    assert client.get(reverse("tickets:display", args=[display.key])).status_code == 404


def test_the_feed_returns_the_new_calls_after_an_id_and_the_lists(client, centre):
    display = centre.displays[0]
    first, second, third = issue(centre, "A"), issue(centre, "B"), issue(centre, "C")
    clerk = centre.clerks[0]
    shift_open(user=clerk, counter=centre.counters[3])
    call_next(user=clerk)  # first, called before the page loaded
    loaded = feed(client, display).json()
    assert loaded["calls"] == []  # the page does not read out earlier calls
    assert loaded["serving"] == [{"label": first.label, "counter": 3, "service": centre.services["A"].name}]
    waiting = {row["letter"]: row for row in loaded["waiting"]}
    assert waiting["B"]["next"] == [second.label]
    assert waiting["C"]["count"] == 1
    assert waiting["D"]["next"] == []

    ticket_recall(user=clerk, label=first.label)
    call_next(user=clerk)
    state = feed(client, display, after=loaded["last_event_id"]).json()
    assert [(call["kind"], call["label"], call["counter"]) for call in state["calls"]] == [
        ("recalled", first.label, 3),
        ("called", second.label, 3),
    ]
    assert state["calls"][1]["sentence"] == audio.call_sentence(label=second.label, counter_number=3)
    assert state["calls"][1]["audio"].endswith(f"/goi/{state['last_event_id']}.wav")
    assert state["serving"][0]["label"] == second.label
    assert state["last_event_id"] == TicketEvent.objects.filter(kind=TicketEventKind.CALLED).latest("id").pk
    # Asked again from the last id: nothing new, nothing said twice.
    assert feed(client, display, after=state["last_event_id"]).json()["calls"] == []
    assert third.label in str(state["waiting"])


def test_the_feed_shows_another_centres_calls_never(client, centre):
    from tests.tickets.conftest import centre_build

    other = centre_build(code="TTHCC-KHAC")
    issue(other, "A")
    shift_open(user=other.clerks[0], counter=other.counters[1])
    call_next(user=other.clerks[0])
    state = feed(client, centre.displays[0], after=0).json()
    assert state["calls"] == []
    assert state["serving"] == []


@pytest.mark.parametrize("after", ["abc", "-1", "1e9", "99999999999999999999999", "١٢", "1\x00"])
def test_a_bad_after_is_a_clear_error_never_a_500(client, centre, after):
    response = feed(client, centre.displays[0], after=after)
    assert response.status_code == 400
    if "\x00" in after:
        assert "NUL" in response.content.decode()  # the site's input guard, before the view
        return
    body = response.json()
    assert body["code"] == "queue_after_invalid"
    assert body["messages"]["vi"] != body["messages"]["en"]


def test_the_call_is_a_wav_from_espeak(client, centre):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    cache.clear()
    display = centre.displays[0]
    issue(centre, "A")
    shift_open(user=centre.clerks[0], counter=centre.counters[1])
    call_next(user=centre.clerks[0])
    event = TicketEvent.objects.get(kind=TicketEventKind.CALLED)
    response = client.get(reverse("tickets:display_call_wav", args=[display.key, event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert response.content[:4] == b"RIFF" and response.content[8:12] == b"WAVE"


def test_the_wav_of_another_centre_or_a_non_call_is_not_found(client, centre):
    display = centre.displays[0]
    ticket = issue(centre, "A")
    issued = TicketEvent.objects.get(ticket=ticket, kind=TicketEventKind.ISSUED)
    for event_id in (issued.pk, 123456789, 2**70):
        assert client.get(f"/hang-doi/man-hinh/{display.key}/goi/{event_id}.wav").status_code == 404


def test_without_espeak_the_wav_answers_503_with_a_message(client, centre, monkeypatch):
    cache.clear()
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    issue(centre, "A")
    shift_open(user=centre.clerks[0], counter=centre.counters[1])
    call_next(user=centre.clerks[0])
    event = TicketEvent.objects.get(kind=TicketEventKind.CALLED)
    response = client.get(reverse("tickets:display_call_wav", args=[centre.displays[0].key, event.pk]))
    assert response.status_code == 503
    assert response.json()["code"] == "queue_speech_unavailable"
    page = client.get(reverse("tickets:display", args=[centre.displays[0].key])).content.decode()
    assert 'data-speech="0"' in page
