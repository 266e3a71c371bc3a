"""A pausable processing clock: the value the dossier engine persists to follow a time limit.

The clock stops while the applicant supplements the dossier (or meets a financial obligation), and the
due instant moves later by the working time the clock stood still, re-normalised to a working instant
by the calendar. Each pause records the working time it lasted *when it ends*, so a later edit of the
calendar does not silently move a dossier's appointment after the fact.

The value is immutable: every transition returns a new clock. :meth:`ProcessingClock.to_json` gives
plain JSON (ISO 8601 instants with offset and microseconds, integer microseconds of working time).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from . import errors
from .calendar import WorkCalendar, timedelta_us

STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Pause:
    """One stop of the clock; ``working_time`` is measured on resume and then kept as recorded."""

    paused_at: datetime
    resumed_at: datetime | None = None
    working_time: timedelta = timedelta(0)

    @property
    def is_open(self) -> bool:
        return self.resumed_at is None


@dataclass(frozen=True, slots=True)
class ProcessingClock:
    """Start, current due instant and pauses of one time limit.

    ``base_due_at`` is the appointment computed at the start (by :meth:`WorkCalendar.due_at`);
    ``due_at`` is it shifted by every finished pause.
    """

    started_at: datetime
    base_due_at: datetime
    due_at: datetime
    pauses: tuple[Pause, ...] = ()

    @classmethod
    def start(cls, *, started_at: datetime, due_at: datetime) -> ProcessingClock:
        if due_at < started_at:
            raise errors.clock_time_reversed(at=due_at, last=started_at)
        return cls(started_at=started_at, base_due_at=due_at, due_at=due_at)

    # --- reading ----------------------------------------------------------------------------------------

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].is_open

    @property
    def paused_working_time(self) -> timedelta:
        """Working time of the finished pauses: what ``due_at`` has been moved by."""
        return sum((pause.working_time for pause in self.pauses if not pause.is_open), timedelta(0))

    @property
    def last_event_at(self) -> datetime:
        if not self.pauses:
            return self.started_at
        last = self.pauses[-1]
        return last.paused_at if last.resumed_at is None else last.resumed_at

    def working_time_used(self, *, at: datetime, calendar: WorkCalendar) -> timedelta:
        """Working time the clock has run from its start to ``at``, pauses excluded (never negative)."""
        used = calendar.working_time_between(self.started_at, at) - self.paused_working_time
        if self.is_paused:
            used -= max(calendar.working_time_between(self.pauses[-1].paused_at, at), timedelta(0))
        return max(used, timedelta(0))

    def working_time_left(self, *, at: datetime, calendar: WorkCalendar) -> timedelta:
        """Working time until the due instant; negative once overdue; frozen while paused."""
        effective = self.pauses[-1].paused_at if self.is_paused else at
        return calendar.working_time_between(effective, self.due_at)

    def is_overdue(self, *, at: datetime, calendar: WorkCalendar) -> bool:
        return not self.is_paused and not calendar.finished_on_time(finished_at=at, due_at=self.due_at)

    # --- transitions ------------------------------------------------------------------------------------

    def pause(self, *, at: datetime) -> ProcessingClock:
        if self.is_paused:
            raise errors.clock_already_paused()
        self._guard_order(at)
        return replace(self, pauses=(*self.pauses, Pause(paused_at=at)))

    def resume(self, *, at: datetime, calendar: WorkCalendar) -> ProcessingClock:
        """End the pause and move the due instant by the working time it lasted."""
        if not self.is_paused:
            raise errors.clock_not_paused()
        self._guard_order(at)
        open_pause = self.pauses[-1]
        stood_still = max(calendar.working_time_between(open_pause.paused_at, at), timedelta(0))
        closed = replace(open_pause, resumed_at=at, working_time=stood_still)
        due_at = calendar.add_working_time(self.due_at, stood_still) if stood_still else self.due_at
        return replace(self, due_at=due_at, pauses=(*self.pauses[:-1], closed))

    def _guard_order(self, at: datetime) -> None:
        if at.tzinfo is None or at.utcoffset() is None:
            raise errors.naive_datetime(value=at)
        if at < self.last_event_at:
            raise errors.clock_time_reversed(at=at, last=self.last_event_at)

    # --- persistence ------------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "started_at": self.started_at.isoformat(),
            "base_due_at": self.base_due_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "pauses": [
                {
                    "paused_at": pause.paused_at.isoformat(),
                    "resumed_at": pause.resumed_at.isoformat() if pause.resumed_at else None,
                    "working_us": timedelta_us(pause.working_time),
                }
                for pause in self.pauses
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProcessingClock:
        try:
            if data.get("version") != STATE_VERSION:
                raise errors.clock_state_invalid(reason=f"unknown version {data.get('version')!r}")
            pauses = tuple(
                Pause(
                    paused_at=_aware(item["paused_at"]),
                    resumed_at=_aware(item["resumed_at"]) if item.get("resumed_at") else None,
                    working_time=timedelta(microseconds=int(item.get("working_us", 0))),
                )
                for item in data.get("pauses", [])
            )
            clock = cls(
                started_at=_aware(data["started_at"]),
                base_due_at=_aware(data["base_due_at"]),
                due_at=_aware(data["due_at"]),
                pauses=pauses,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise errors.clock_state_invalid(reason=f"{type(exc).__name__}: {exc}") from exc
        if any(pause.is_open for pause in clock.pauses[:-1]):
            raise errors.clock_state_invalid(reason="only the last pause may be open")
        return clock


def _aware(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset")
    return value
