"""Form numbers ("Số: 12/GTN"), docs/domain.md "Official papers: who issues, who signs, their numbers".

A paper takes the next number of its issuing unit, form and year when it is first issued, and keeps it: a
reprint shows the same number. A paper printed before any dossier exists (a draft 02 or 03) is numbered by
hand on the dotted line.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from motcua.agencies.models import Agency

from ..models import Dossier, SlipNumber

_ATTEMPTS = 5


def slip_suffixes() -> dict[str, str]:
    """``SLIP_NUMBER_SUFFIXES`` as a map from form to symbol (``{"01": "GTN", …}``)."""
    pairs = (item.partition("=") for item in settings.SLIP_NUMBER_SUFFIXES)
    return {form.strip(): symbol.strip() for form, _sep, symbol in pairs if form.strip() and symbol.strip()}


def slip_number_text(*, form: str, number: int | None) -> str:
    """``12/GTN``; with no number, the dotted line to write it on (``……/GTN``)."""
    symbol = slip_suffixes().get(form, "")
    shown = str(number) if number else "……"
    return f"{shown}/{symbol}" if symbol else shown


def slip_number_take(*, dossier: Dossier, form: str, issuer: Agency, at: datetime, event_seq: int = 0) -> int:
    """The number of ``dossier``'s paper ``form`` (about history entry ``event_seq``): the one it was given,
    else the next of ``issuer`` for ``form`` in the year of ``at``.

    Concurrent first issues of two papers race on the unique number; the loser takes the next one.
    """
    existing = SlipNumber.objects.filter(dossier=dossier, form=form, event_seq=event_seq).first()
    if existing is not None:
        return existing.number
    year = timezone.localtime(at).year
    for _attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                last = SlipNumber.objects.filter(issuer=issuer, form=form, year=year).aggregate(last=Max("number"))
                taken = SlipNumber.objects.create(
                    issuer=issuer,
                    form=form,
                    year=year,
                    number=(last["last"] or 0) + 1,
                    dossier=dossier,
                    event_seq=event_seq,
                    issued_at=at,
                )
                return taken.number
        except IntegrityError:
            # Either another clerk took this number, or printed the same paper first: read again.
            existing = SlipNumber.objects.filter(dossier=dossier, form=form, event_seq=event_seq).first()
            if existing is not None:
                return existing.number
    raise RuntimeError(f"could not number form {form} of dossier {dossier.code}")  # pragma: no cover
