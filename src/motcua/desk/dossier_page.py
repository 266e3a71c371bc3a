"""What the dossier page shows, read once per request: the clock, the history in words, the slips."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import ENDED, Action, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.privacy import event_payload, slip_readable
from motcua.dossiers.selectors import PAUSED, RECEIPT_REISSUED, calendar_for_point
from motcua.workdays.clock import ProcessingClock

# --- the clock -------------------------------------------------------------------------------------------------


def working_time_text(amount: timedelta, *, hours_per_day: float) -> str:
    """``2 d 3 h 30 min`` / ``2 ngày 3 giờ 30 phút``: whole working days, hours and minutes (never decimal hours)."""
    minutes = int((Decimal(abs(amount).total_seconds()) / 60).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    per_day = int(Decimal(str(hours_per_day)) * 60)
    days, rest = divmod(minutes, per_day) if per_day else (0, minutes)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(gettext("%(days)s d") % {"days": days})
    if hours:
        parts.append(gettext("%(hours)s h") % {"hours": hours})
    if minutes or not parts:
        parts.append(gettext("%(minutes)s min") % {"minutes": minutes})
    return " ".join(parts)


@dataclass(frozen=True)
class ClockView:
    started_at: datetime
    due_at: datetime
    used: str
    left: str
    late: bool  # the appointment has passed (working time left is negative)
    paused: bool
    ended: bool
    percent: int


def dossier_clock(*, dossier: Dossier, at: datetime | None = None) -> ClockView | None:
    """Working time used and left at ``at`` (now, or when processing ended); ``None`` if the clock is unreadable."""
    try:
        clock = ProcessingClock.from_json(dossier.clock)
    except ApplicationError:
        return None
    calendar = calendar_for_point(dossier.receiving_point)
    ended = dossier.status in ENDED
    when = (dossier.processed_at if ended and dossier.processed_at else None) or at or timezone.now()
    used = clock.working_time_used(at=when, calendar=calendar)
    left = clock.working_time_left(at=when, calendar=calendar)
    total = used + max(left, timedelta(0))
    percent = 100 if left <= timedelta(0) else int(100 * used / total) if total else 0
    per_day = settings.WORKDAY_HOURS_PER_DAY
    return ClockView(
        started_at=clock.started_at,
        due_at=dossier.appointment_at,
        used=working_time_text(used, hours_per_day=per_day),
        left=working_time_text(left, hours_per_day=per_day),
        late=left < timedelta(0),
        paused=dossier.status in PAUSED,
        ended=ended,
        percent=max(0, min(percent, 100)),
    )


# --- the history -----------------------------------------------------------------------------------------------

RECEIVED_LABEL = _("receive the dossier")
REISSUED_LABEL = _("issue a new receipt with the current appointment")


@dataclass(frozen=True)
class Detail:
    label: str | Promise
    value: Any = ""
    items: tuple[str, ...] = ()
    money: bool = False
    when: datetime | None = None


@dataclass(frozen=True)
class HistoryEntry:
    event: DossierEvent
    label: str | Promise
    status_label: str | Promise
    details: list[Detail] = field(default_factory=list)


def _when(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


def _details(event: DossierEvent, *, complete: bool) -> list[Detail]:
    payload = event_payload(event.payload, complete=complete)
    details: list[Detail] = []
    if payload.get("items"):
        details.append(Detail(_("Papers to add or correct"), items=tuple(str(i) for i in payload["items"])))
    if "amount" in payload:
        details.append(Detail(_("Amount"), payload["amount"], money=True))
    if payload.get("step_name"):
        details.append(Detail(_("Step"), f"{payload.get('step', '')}. {payload['step_name']}"))
    if payload.get("assignee"):
        details.append(Detail(_("Assigned to"), payload["assignee"]))
    if payload.get("previous"):
        details.append(Detail(_("Previous appointment"), when=_when(payload["previous"])))
    if payload.get("new"):
        details.append(Detail(_("New appointment"), when=_when(payload["new"])))
    if payload.get("result_reference"):
        details.append(Detail(_("Result document number"), payload["result_reference"]))
    if payload.get("result_file"):
        details.append(Detail(_("Result document"), str(payload["result_file"]).rsplit("/", 1)[-1]))
    if payload.get("collector_name"):
        details.append(Detail(_("Collected by"), payload["collector_name"]))
    if payload.get("collector_id_number"):
        details.append(Detail(_("Collector's ID number"), payload["collector_id_number"]))
    if payload.get("identity_checked"):
        details.append(Detail(_("Identity paper checked"), gettext("yes")))
    return details


def _label(action: str) -> str | Promise:
    if action == "receive":
        return RECEIVED_LABEL
    if action == RECEIPT_REISSUED:
        return REISSUED_LABEL
    try:
        return Action(action).label
    except ValueError:
        return action


def _status_label(status: str) -> str | Promise:
    try:
        return Status(status).label
    except ValueError:
        return status


def history_entries(events: list[DossierEvent], *, complete: bool = True) -> list[HistoryEntry]:
    """The history in words, newest first; a person's numbers cut unless the reader sees the content
    (motcua.dossiers.privacy)."""
    return [
        HistoryEntry(
            event=e,
            label=_label(e.action),
            status_label=_status_label(e.to_status),
            details=_details(e, complete=complete),
        )
        for e in reversed(events)
    ]


# --- the slips -------------------------------------------------------------------------------------------------

SLIP_LABELS: dict[str, str | Promise] = {
    "01": _("Receipt and appointment"),
    "02": _("Request to supplement the dossier"),
    "03": _("Refusal to receive the dossier"),
    "04": _("Apology letter with the new appointment"),
    "05": _("Notice of stopped processing"),
    "06": _("Processing control sheet"),
}
# A slip exists once its event happened; the receipt and the control sheet always do.
SLIP_EVENTS: dict[str, tuple[str, ...]] = {
    "02": (Action.REQUEST_SUPPLEMENT,),
    "03": (Action.REFUSE,),
    "04": (Action.EXTEND,),
    "05": (Action.STOP, Action.WITHDRAW),
}


@dataclass(frozen=True)
class SlipLink:
    kind: str
    label: str | Promise
    renewed: bool = False


def available_slips(
    events: list[DossierEvent], *, new_receipt_due: bool = False, complete: bool = True
) -> list[SlipLink]:
    """A dossier refused at reception has slip 03 and no receipt; while a new receipt is owed
    (``dossier_new_receipt_due``: a supplement moved the appointment and no new receipt was issued since) the
    receipt is offered anew, with the appointment as it now stands (docs/domain.md, "Official papers"). A reader
    without the content gets the overseer's slips only (motcua.dossiers.privacy)."""
    happened = {e.action for e in events}
    links = []
    for kind, label in SLIP_LABELS.items():
        if not slip_readable(kind, complete=complete):
            continue
        if kind in SLIP_EVENTS and not happened & {str(a) for a in SLIP_EVENTS[kind]}:
            continue
        if kind == "01" and Action.REFUSE in happened:
            continue
        if kind == "01" and new_receipt_due:
            links.append(SlipLink(kind, _("New receipt with the current appointment"), renewed=True))
            continue
        links.append(SlipLink(kind, label))
    return links
