"""The facts of the petitions and complaints (phản ánh, kiến nghị) that Decision 766's "feedback handled on time"
counts (docs/indicators.md, "The indicators"; the lifecycle and its deadlines: docs/feedback.md).

A period's petitions are those whose **answer was due** in it (``Complaint.answer_due_at``, stored at filing on
the working calendar). That anchor makes a closed month final: by the end of the month every petition due in it
has been handled in time or not, and nothing done later can change its verdict (an answer after the due time is
late whenever it comes). Anchoring on the answer or the refusal instead would let a petition due in April and
answered in June move April's figure after April was closed, and a petition never answered nor refused would
never be counted at all.

- ``due``: the petitions due in the period whose verdict is known: handled (answered or refused), or still open
  when their due time has passed (``now``). A petition not yet due and not yet handled is left out until it is
  one or the other, as an open dossier is left out of the dossiers ended.
- ``handled_on_time``: answered by the answer's due time, or refused (not accepted for handling, with the
  reason) by the acknowledgement's due time — the deadline the lifecycle sets for a refusal. A petition still
  open past its due time, answered late or refused late is not on time.

Unlike a dossier's complaint (``feedback.selectors.COUNTED``), a refused petition counts here: refusing it is a
step of its handling, with its own deadline.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, Q

FEEDBACK_FILTERS = ("due", "handled_on_time")
FEEDBACK_ANCHOR = "answer_due_at"

_HANDLED_ON_TIME = Q(answered_at__lte=F("answer_due_at")) | Q(refused_at__lte=F("ack_due_at"))


def feedback_filter(name: str, *, now: datetime) -> Q:
    """The condition of the named filter (one of :data:`FEEDBACK_FILTERS`) over the period's petitions, judged at
    ``now``."""
    if name == "handled_on_time":
        return _HANDLED_ON_TIME
    if name == "due":
        return Q(answered_at__isnull=False) | Q(refused_at__isnull=False) | Q(answer_due_at__lt=now)
    raise KeyError(name)
