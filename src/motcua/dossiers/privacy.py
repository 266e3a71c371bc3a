"""Field-level need to know: who sees a dossier without its content sees whose it is, not the person's identity.

A one-stop supervisor oversees the deadlines of every dossier his one-stop unit issued, received at any post
office: he needs the code, the applicant's name, the status and the clock, and he issues the apology (slip 04)
and keeps the control sheet (slip 06). He does not need the applicant's ID number, birth date, phone, e-mail or
address, nor the receipt, supplement, refusal or stop slips that print them: those are shown cut to their last
digits, or withheld (docs/access.md, "Fields").
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from .models import Dossier

HIDDEN = "…"
# The slips an overseer issues or keeps; the others print the applicant's identity for those who act on the dossier.
OVERSIGHT_SLIPS = frozenset({"04", "06"})


@dataclass(frozen=True)
class ApplicantCard:
    """The applicant as a reader may see them; attribute names are the dossier's, so pages and the API read it
    the way they read a dossier."""

    applicant_kind: str
    applicant_name: str
    applicant_id_number: str
    applicant_birth_date: date | None
    applicant_phone: str
    applicant_email: str
    applicant_address: str
    applicant_commune_id: str | None
    representative_name: str
    representative_id_number: str
    representative_address: str
    representative_phone: str
    representative_email: str
    authorization_document: str
    return_address: str
    complete: bool


# Kept whole for every reader: whose dossier it is and where they live at commune level.
_PUBLIC = {"applicant_kind", "applicant_name", "applicant_commune_id", "representative_name", "complete"}
# Numbers a reader recognises by their end (a phone called back, an ID read aloud): the last three digits stay.
_TAIL = {"applicant_id_number", "applicant_phone", "representative_id_number", "representative_phone"}


def tail_only(value: str, keep: int = 3) -> str:
    """``value`` cut to its last ``keep`` characters behind a mark; empty stays empty."""
    return f"{HIDDEN}{value[-keep:]}" if value else ""


def applicant_card(dossier: Dossier, *, complete: bool) -> ApplicantCard:
    """The applicant's data of ``dossier``: all of it when ``complete`` (the reader may open the dossier's content,
    ``dossier_content_readable``), else names and commune, numbers cut to their tail, the rest withheld."""
    values: dict[str, Any] = {}
    for item in fields(ApplicantCard):
        if item.name == "complete":
            continue
        value = getattr(dossier, item.name)
        if complete or item.name in _PUBLIC:
            values[item.name] = value
        elif item.name in _TAIL:
            values[item.name] = tail_only(value)
        else:
            values[item.name] = None if item.name == "applicant_birth_date" else (HIDDEN if value else "")
    return ApplicantCard(**values, complete=complete)


def slip_readable(kind: str, *, complete: bool) -> bool:
    """Whether a reader may print slip ``kind``: every slip with the content, the overseer's slips without."""
    return complete or kind in OVERSIGHT_SLIPS


# What a history event may carry of a person: the collector's ID read at the return, the authorisation he showed.
_EVENT_TAIL = {"collector_id_number"}
_EVENT_WITHHELD = {"collector_authorization"}


def event_payload(payload: dict[str, Any] | None, *, complete: bool) -> dict[str, Any]:
    """An event's details as a reader may see them: whole with the content, else the person's numbers cut."""
    payload = dict(payload or {})
    if complete:
        return payload
    for key in _EVENT_TAIL & payload.keys():
        payload[key] = tail_only(str(payload[key]))
    for key in _EVENT_WITHHELD & payload.keys():
        payload[key] = HIDDEN
    return payload
