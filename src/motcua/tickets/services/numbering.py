"""Ticket numbers: a daily sequence per centre, never repeated, taken in one statement.

``INSERT … ON CONFLICT … DO UPDATE … RETURNING`` increments the (centre, day) row and reads the new value at
once (PostgreSQL, and SQLite from 3.35), so two kiosks or a kiosk and a phone never draw the same number and no
transaction holds the row longer than that statement's own.
"""

from __future__ import annotations

from datetime import date

from django.db import connection

from ..models import TicketDayCounter

_TABLE = TicketDayCounter._meta.db_table


def ticket_sequence_next(*, point_id: int, day: date) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_TABLE} (point_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608 - the table is ours
            f"ON CONFLICT (point_id, day) DO UPDATE SET last = {_TABLE}.last + 1 RETURNING last",
            [point_id, day],
        )
        return int(cursor.fetchone()[0])


def ticket_label(*, letter: str, sequence: int) -> str:
    """``A`` and 7 → ``A007``; past 999, the number just grows (``A1000``): unique, since the sequence is."""
    return f"{letter}{sequence:03d}"
