"""Checks of the applicant's data at reception: what cannot be true is refused, what may be a mistake is flagged.

Refused (docs/domain.md, "Reception data checks"): a birth date in the future or before 1900; a 12-digit citizen ID
number whose first three digits are no province code of birth registration, or whose fourth digit (century and
sex) and fifth–sixth digits (year of birth) contradict the birth date given. Flagged, never refused: an ID number
already known, in dossiers the clerk may see, with another name or another birth date.

Every refusal names its field (``field``, as the API's body spells it: ``applicant.birth_date``), so the counter
form puts it beside that field and the API's problem says which value is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from motcua.core.text import fold

from .. import errors

EARLIEST_BIRTH_YEAR = 1900

#: Codes of the provinces where a birth is registered, the first three digits of a personal identification
#: number (Circular 07/2016/TT-BCA, Annex I, kept by Circular 59/2021/TT-BCA): the 63 provinces before the 2025
#: merger. Numbers are issued for life, so the codes do not change with the provinces. *Unverified*: the codes
#: of countries, for births registered abroad, are not listed here; such a number is refused until added.
PROVINCE_CODES = frozenset(
    re.findall(
        r"\d{3}",
        "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 "
        "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 "
        "083 084 086 087 089 091 092 093 094 095 096",
    )
)

#: The fourth digit: the century of birth and the sex (even: male, odd: female), Circular 59/2021/TT-BCA art. 7
#: (as quoted by public secondary sources): 0/1 → 1900–1999, 2/3 → 2000–2099, 4/5 → 2100–2199, 6/7 → 2200–2299,
#: 8/9 → 2300–2399.
CENTURY_BY_DIGIT = {str(d): 1900 + 100 * (d // 2) for d in range(10)}


# --- refusals --------------------------------------------------------------------------------------------------


def birth_date_check(birth_date: date | None, *, today: date) -> None:
    """A birth date is neither after ``today`` nor before 1900."""
    if birth_date is None:
        return
    if birth_date > today:
        raise errors.birth_date_in_future(date=birth_date.strftime("%d/%m/%Y"))
    if birth_date.year < EARLIEST_BIRTH_YEAR:
        raise errors.birth_date_too_early(date=birth_date.strftime("%d/%m/%Y"), year=EARLIEST_BIRTH_YEAR)


def citizen_id_check(id_number: str, birth_date: date | None) -> None:
    """A 12-digit citizen ID number starts with a province code, and agrees with the birth date when one is given.

    Other numbers (tax codes of 10 or 13 digits) are left to the ID-number pattern.
    """
    if len(id_number) != 12 or not id_number.isdigit():
        return
    if id_number[:3] not in PROVINCE_CODES:
        raise errors.id_number_unknown_province(value=id_number)
    if birth_date is None:
        return
    year = CENTURY_BY_DIGIT[id_number[3]] + int(id_number[4:6])
    if year != birth_date.year:
        raise errors.id_number_contradicts_birth_date(
            value=id_number, id_year=year, date=birth_date.strftime("%d/%m/%Y")
        )


def applicant_check(*, id_number: str, birth_date: date | None, today: date) -> None:
    """Every refusal of the applicant's identity data, in the order a clerk fixes them."""
    birth_date_check(birth_date, today=today)
    citizen_id_check(id_number, birth_date)


# --- warnings --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mismatch:
    """An earlier dossier of the same ID number that recorded another name or birth date."""

    code: str
    name: str
    birth_date: date | None
    other_name: bool
    other_birth_date: bool


def applicant_mismatches(*, earlier: Any, name: str, birth_date: date | None, limit: int = 3) -> list[Mismatch]:
    """Earlier dossiers (``earlier``: a queryset of the same ID number, in the clerk's scope, newest first) whose
    name (ignoring case, accents and spacing) or birth date differs from what is typed now."""
    typed = fold(name)
    found: list[Mismatch] = []
    seen: set[tuple[str, date | None]] = set()
    for code, other, born in earlier.values_list("code", "applicant_name", "applicant_birth_date")[:50]:
        other_name = bool(typed) and fold(other) != typed
        other_birth = birth_date is not None and born is not None and born != birth_date
        if not (other_name or other_birth) or (fold(other), born) in seen:
            continue
        seen.add((fold(other), born))
        found.append(Mismatch(code, other, born, other_name, other_birth))
        if len(found) == limit:
            break
    return found
