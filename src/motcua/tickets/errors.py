"""Errors of the queue: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def service_unavailable() -> ApplicationError:
    return ApplicationError(
        "queue_service_unavailable",
        _("This service is not offered at this centre now."),
        field="service",
        status=404,
    )


def priority_unknown(*, value: str) -> ApplicationError:
    return ApplicationError(
        "queue_priority_unknown",
        _("“%(value)s” is not a priority the queue knows."),
        params={"value": value},
        field="priority",
    )


def centre_closed() -> ApplicationError:
    return ApplicationError(
        "queue_centre_closed",
        _("This centre issues no tickets now: it is closed or takes no visitors."),
        status=409,
    )


def not_at_counter() -> ApplicationError:
    return ApplicationError(
        "queue_not_at_counter",
        _("Open a counter first: tickets are called to a counter."),
        field="counter",
        status=409,
    )


def counter_not_yours(*, counter: str) -> ApplicationError:
    return ApplicationError(
        "queue_counter_not_yours",
        _("Counter %(counter)s is not at a point where you receive."),
        params={"counter": counter},
        field="counter",
        status=403,
    )


def counter_taken(*, counter: str) -> ApplicationError:
    return ApplicationError(
        "queue_counter_taken",
        _("Another clerk has counter %(counter)s open; they must close it first."),
        params={"counter": counter},
        field="counter",
        status=409,
    )


def ticket_not_found(*, label: str) -> ApplicationError:
    return ApplicationError(
        "queue_ticket_not_found",
        _("No ticket numbered “%(label)s” is open at this centre today."),
        params={"label": label},
        field="ticket",
        status=404,
    )


def ticket_not_waiting(*, label: str) -> ApplicationError:
    return ApplicationError(
        "queue_ticket_not_waiting",
        _("Ticket %(label)s is not waiting: another counter called it, or it is finished."),
        params={"label": label},
        field="ticket",
        status=409,
    )


def ticket_not_called_here(*, label: str) -> ApplicationError:
    return ApplicationError(
        "queue_ticket_not_called_here",
        _("Ticket %(label)s is not being served at your counter."),
        params={"label": label},
        field="ticket",
        status=409,
    )


def no_show_too_early(*, calls: int) -> ApplicationError:
    return ApplicationError(
        "queue_no_show_too_early",
        _("Call the number %(calls)s times before marking the visitor absent."),
        params={"calls": calls},
        status=409,
    )


def requeue_too_late(*, label: str) -> ApplicationError:
    return ApplicationError(
        "queue_requeue_too_late",
        _("Ticket %(label)s was missed too long ago: the visitor takes a new ticket."),
        params={"label": label},
        field="ticket",
        status=409,
    )


def transfer_target_missing() -> ApplicationError:
    return ApplicationError(
        "queue_transfer_target_missing",
        _("Choose the counter or the field to transfer the visitor to."),
        field="target",
    )


def transfer_target_unknown() -> ApplicationError:
    return ApplicationError(
        "queue_transfer_target_unknown",
        _("That counter or field does not serve visitors at this centre."),
        field="target",
    )


def ticket_closed(*, label: str) -> ApplicationError:
    return ApplicationError(
        "queue_ticket_closed",
        _("Ticket %(label)s is already finished."),
        params={"label": label},
        status=409,
    )


def rating_score_unknown(*, value: str) -> ApplicationError:
    return ApplicationError(
        "queue_rating_score_unknown",
        _("Choose satisfied, neutral or dissatisfied."),
        params={"value": value},
        field="score",
    )


def rating_reason_unknown(*, value: str) -> ApplicationError:
    return ApplicationError(
        "queue_rating_reason_unknown",
        _("“%(value)s” is not one of the reasons offered."),
        params={"value": value},
        field="reasons",
    )


def rating_not_open(*, label: str) -> ApplicationError:
    return ApplicationError(
        "queue_rating_not_open",
        _("Ticket %(label)s cannot be rated: it was not served, or the time to rate it has passed."),
        params={"label": label},
        status=409,
    )


def rating_given(*, label: str) -> ApplicationError:
    return ApplicationError(
        "queue_rating_given",
        _("Ticket %(label)s has been rated already. Thank you."),
        params={"label": label},
        status=409,
    )


def appointment_not_found() -> ApplicationError:
    return ApplicationError(
        "queue_appointment_not_found",
        _("No appointment at this centre has that code."),
        field="code",
        status=404,
    )


def appointment_not_today(*, when: str) -> ApplicationError:
    return ApplicationError(
        "queue_appointment_not_today",
        _("This appointment is for %(when)s: check in on that day, from a little before its time."),
        params={"when": when},
        field="code",
        status=409,
    )


def appointment_too_early(*, minutes: int) -> ApplicationError:
    return ApplicationError(
        "queue_appointment_too_early",
        _("Too early: the appointment can be checked in from %(minutes)s minutes before its time."),
        params={"minutes": minutes},
        field="code",
        status=409,
    )


def appointment_closed(*, status: str) -> ApplicationError:
    return ApplicationError(
        "queue_appointment_closed",
        _("This appointment cannot be checked in: it is %(status)s."),
        params={"status": status},
        field="code",
        status=409,
    )
