"""Dossier codes: ``<agency ID>-<yymmdd>-<sequence>``, gap-free per issuing unit and day."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from motcua.agencies.models import Agency

from ..models import DossierCodeCounter


def dossier_code_issue(*, agency: Agency, day: dt.date) -> str:
    """Take the next number of ``agency`` for ``day`` and format the code.

    Must run inside the transaction that stores the dossier: the UPDATE keeps the counter row locked
    until it commits, so concurrent clerks queue and a rolled-back reception gives its number back (no
    gaps). One statement in the common case (``UPDATE … RETURNING``, on PostgreSQL and SQLite alike).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier_code_issue must run inside the reception's transaction")
    number = _increment(agency_id=agency.pk, day=day)
    if number is None:
        try:
            # The first reception of the day creates the row; a concurrent first reception loses the
            # race, rolls back to the savepoint and then increments the winner's row.
            with transaction.atomic():
                DossierCodeCounter.objects.create(agency=agency, day=day, last=1)
            number = 1
        except IntegrityError:
            number = _increment(agency_id=agency.pk, day=day)
    if number is None:  # pragma: no cover - the row exists by now
        raise RuntimeError("dossier code counter row missing")
    return settings.DOSSIER_CODE_FORMAT.format(agency=agency.code, date=day, seq=number)


def _increment(*, agency_id: int, day: dt.date) -> int | None:
    table = DossierCodeCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE agency_id = %s AND day = %s RETURNING last",  # noqa: S608
            [agency_id, day],
        )
        row = cursor.fetchone()
    return row[0] if row else None
