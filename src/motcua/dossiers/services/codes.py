"""Dossier codes: ``<agency ID>-<yymmdd>-<sequence>``, gap-free per issuing unit and day."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction

from motcua.agencies.models import Agency

from ..models import DossierCodeCounter


def dossier_code_issue(*, agency: Agency, day: dt.date) -> str:
    """Take the next number of ``agency`` for ``day`` and format the code.

    Must run inside the transaction that stores the dossier: the counter row stays locked until it
    commits, so concurrent clerks queue and a rolled-back reception gives its number back (no gaps).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier_code_issue must run inside the reception's transaction")
    counter = _locked_counter(agency=agency, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return settings.DOSSIER_CODE_FORMAT.format(agency=agency.code, date=day, seq=counter.last)


def _locked_counter(*, agency: Agency, day: dt.date) -> DossierCodeCounter:
    counter = DossierCodeCounter.objects.select_for_update().filter(agency=agency, day=day).first()
    if counter is not None:
        return counter
    try:
        # The first reception of the day creates the row; a concurrent first reception loses the race,
        # rolls back to the savepoint and then waits on the winner's lock like everyone else.
        with transaction.atomic():
            DossierCodeCounter.objects.create(agency=agency, day=day, last=0)
    except IntegrityError:
        pass
    return DossierCodeCounter.objects.select_for_update().get(agency=agency, day=day)
