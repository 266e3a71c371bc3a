"""The queue's services. Every one takes ``at`` (now by default) so ``queue_simulate`` drives the same code on a
simulated clock; every one is one transaction."""

from .calling import (
    call_next,
    call_number,
    counter_current,
    shift_close,
    shift_for,
    shift_open,
    ticket_cancel,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_requeue,
    ticket_transfer,
    tickets_expire,
)
from .checkin import appointment_check_in
from .issue import ticket_issue
from .linking import ticket_link_dossier, ticket_serving
from .rating import rating_give, rating_open_for_pad, rating_reasons_valid
from .routing import counters_serving, queue_for_counter, ticket_estimate, ticket_rank

__all__ = [
    "appointment_check_in",
    "call_next",
    "call_number",
    "counter_current",
    "counters_serving",
    "queue_for_counter",
    "rating_give",
    "rating_open_for_pad",
    "rating_reasons_valid",
    "shift_close",
    "shift_for",
    "shift_open",
    "ticket_cancel",
    "ticket_estimate",
    "ticket_finish",
    "ticket_issue",
    "ticket_link_dossier",
    "ticket_no_show",
    "ticket_rank",
    "ticket_recall",
    "ticket_requeue",
    "ticket_serving",
    "ticket_transfer",
    "tickets_expire",
]
