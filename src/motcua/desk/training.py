"""Training mode at the counter (docs/training.md, "The sandbox"): the real counter pages, at a training point.

The training sandbox switches a trainee's session into training mode; the counter then offers the training points
the trainee is assigned at instead of their real ones, so what they receive is a training dossier, nobody's real
work. A slip 02 or 03 drafted in training mode registers nothing, as at a real counter; the observers the sandbox
registers are told of it, so it can score the refusal (the desk never imports the apps built on it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

TRAINING_MODE = "training_mode"

# Told of a slip drafted in training mode: (request, kind "02"/"03", the draft, the reception form as posted).
DraftObserver = Callable[[HttpRequest, str, Any, Any], None]
DRAFT_OBSERVERS: list[DraftObserver] = []


def training_mode(request: HttpRequest) -> bool:
    return bool(getattr(request, "session", {}).get(TRAINING_MODE))


def training_mode_set(request: HttpRequest, *, on: bool) -> None:
    if on:
        request.session[TRAINING_MODE] = True
    else:
        request.session.pop(TRAINING_MODE, None)


def draft_observer_register(observer: DraftObserver) -> None:
    if observer not in DRAFT_OBSERVERS:
        DRAFT_OBSERVERS.append(observer)


def draft_observed(request: HttpRequest, kind: str, draft: Any, form: Any) -> None:
    """Tell the observers of a slip drafted in training mode; outside it, nothing happens."""
    if not training_mode(request):
        return
    for observer in DRAFT_OBSERVERS:
        observer(request, kind, draft, form)
