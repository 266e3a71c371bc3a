"""Postal carriers behind a small registry over an abstract base (docs/architecture.md, "Providers behind a
registry").

A carrier creates and cancels orders with a postal operator and reports what happened to them as
:class:`CarrierEvent` values, pushed to the tracking webhook (:mod:`motcua.postal.webhook`) or pulled by
:meth:`Carrier.poll` (``manage.py carrier_poll``). Either way they enter the database through one
function, :func:`motcua.postal.tracking.tracking_event_ingest`, which deduplicates them by
``(carrier, event_id)``.

The built-in :class:`~motcua.postal.carriers.simulated.SimulatedCarrier` works offline and is the default of the
dev and test settings only (production refuses it, docs/security.md);
:class:`~motcua.postal.carriers.http.HttpCarrier` speaks a real operator's JSON API.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.core.registry import Registry

from ..models import PostalOrder

# What a carrier may report for a delivery order (the delivery state machine's events).
EVENT_KINDS = ("accepted", "out_for_delivery", "attempt_failed", "delivered", "returned_to_counter")
# Statuses after which a carrier has nothing more to report.
FINAL_STATUSES = ("delivered", "returned_to_counter", "cancelled")


@dataclass(frozen=True)
class CarrierEvent:
    """One thing that happened to an order, as the carrier tells it. ``event_id`` is unique per carrier."""

    event_id: str
    tracking_number: str
    kind: str
    at: datetime
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: object) -> CarrierEvent:
        """Parse one event of the webhook or polling JSON; raises ``ValueError`` on anything malformed."""
        if not isinstance(data, dict):
            raise ValueError("an event must be a JSON object")
        event_id, tracking_number, kind, at = (data.get(k) for k in ("event_id", "tracking_number", "kind", "at"))
        details = data.get("details", {})
        if not isinstance(event_id, str) or not 0 < len(event_id) <= 100:
            raise ValueError("event_id: a string of 1 to 100 characters")
        if not isinstance(tracking_number, str) or not 0 < len(tracking_number) <= 40:
            raise ValueError("tracking_number: a string of 1 to 40 characters")
        if kind not in EVENT_KINDS:
            raise ValueError(f"kind: one of {', '.join(EVENT_KINDS)}")
        if not isinstance(details, dict):
            raise ValueError("details: an object")
        if not isinstance(at, str):
            raise ValueError("at: an ISO 8601 date and time with its offset")
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            raise ValueError("at: an ISO 8601 date and time with its offset") from None
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("at: the offset is missing")
        if not datetime_bounds_ok(moment):
            raise ValueError("at: out of range")
        return cls(event_id=event_id, tracking_number=tracking_number, kind=kind, at=moment, details=details)

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "tracking_number": self.tracking_number,
            "kind": self.kind,
            "at": self.at.isoformat(),
            "details": self.details,
        }


def datetime_bounds_ok(moment: datetime) -> bool:
    """Years 2000–2999 only: keeps absurd dates (and UTC conversion overflows) out of the database."""
    try:
        return 2000 <= moment.astimezone(UTC).year <= 2999
    except OverflowError:
        return False


class CarrierError(ApplicationError):
    """The operator refused a request or could not be reached."""


class Carrier(ABC):
    """A postal operator. Subclasses set ``code`` (stored on ``PostalOrder.carrier``) and register."""

    code: str = ""

    @abstractmethod
    def create_order(self, order: PostalOrder) -> str:
        """Book ``order`` with the operator; return the operator's reference for it."""

    @abstractmethod
    def cancel_order(self, order: PostalOrder) -> None:
        """Cancel ``order`` with the operator (idempotent: cancelling twice is not an error)."""

    @abstractmethod
    def poll(self, order: PostalOrder) -> list[CarrierEvent]:
        """Every event the operator knows for ``order`` (the ingest deduplicates), oldest first."""


def _carrier_unknown(code: str) -> CarrierError:
    return CarrierError(
        "postal_carrier_unknown", _("No postal carrier is registered as “%(code)s”."), params={"code": code}
    )


carriers: Registry[Carrier] = Registry(unknown=_carrier_unknown)


def carrier_for(code: str) -> Carrier:
    """The carrier registered as ``code``; raises :class:`CarrierError` (``postal_carrier_unknown``)."""
    return carriers.get(code)
