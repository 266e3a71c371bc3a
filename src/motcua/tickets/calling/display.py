"""The display for a TV in the waiting hall (/hang-doi/man-hinh/<key>/): opened by the display's secret key, no
sign-in; it shows the numbers served and waiting and speaks each call.

It updates by polling a small JSON feed every two seconds rather than by server-sent events: a poll is a short
request every web server, proxy and the test client handle alike, it needs no worker held open per TV (a centre's
displays would pin down gunicorn's sync workers), and a display that lost the network simply catches up at the
next poll from the last call id it heard. Two seconds is well inside the time a visitor takes to look up.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from motcua.core.errors import ApplicationError

from ..models import QueueDevice, TicketEvent
from . import audio, errors
from .forms import ID_MAX
from .state import CALL_KINDS, display_device, display_seen, display_state, event_counter_number

POLL_MILLISECONDS = 2000


def _device_or_404(key: str) -> QueueDevice:
    device = display_device(key)
    if device is None:
        raise Http404("display")
    return device


def _error_json(error: ApplicationError) -> JsonResponse:
    return JsonResponse(
        {"code": error.code, "message": error.render(get_language()), "messages": error.messages()},
        status=error.status,
    )


@require_GET
@never_cache
def display_page(request: HttpRequest, key: str) -> HttpResponse:
    device = _device_or_404(key)
    now = timezone.now()
    display_seen(device, at=now)
    state = display_state(device=device, after=None, at=now)
    context = {
        "device": device,
        "state": state,
        "serving_rest": state["serving"][1:],
        "poll_ms": POLL_MILLISECONDS,
        "speech_available": audio.speech_available(),
    }
    return render(request, "tickets/calling/display.html", context)


@require_GET
@never_cache
def display_feed(request: HttpRequest, key: str) -> JsonResponse:
    """The state, and the calls after ``?after=<event id>`` (none when absent: the page just loaded)."""
    device = _device_or_404(key)
    raw = request.GET.get("after", "").strip()
    after = None
    if raw:
        if not raw.isascii() or not raw.isdigit() or len(raw) > 19 or int(raw) > ID_MAX:
            return _error_json(errors.after_invalid())
        after = int(raw)
    now = timezone.now()
    display_seen(device, at=now)
    return JsonResponse(display_state(device=device, after=after, at=now))


@require_GET
def display_call_wav(request: HttpRequest, key: str, event_id: int) -> HttpResponse:
    """A call spoken by espeak-ng, for a display whose browser has no Vietnamese voice; 503 without espeak-ng."""
    device = _device_or_404(key)
    if event_id > ID_MAX:
        raise Http404("call")
    event = (
        TicketEvent.objects.select_related("ticket", "counter")
        .filter(pk=event_id, point_id=device.point_id, kind__in=CALL_KINDS)
        .first()
    )
    if event is None:
        raise Http404("call")
    sentence = audio.call_sentence(label=event.ticket.label, counter_number=event_counter_number(event) or 0)
    try:
        wav = audio.call_wav(sentence)
    except ApplicationError as error:
        return _error_json(error)
    response = HttpResponse(wav, content_type="audio/wav")
    response["Cache-Control"] = "private, max-age=86400"
    return response
