"""The applicant's ID number: one pattern for every form, service, API schema and database constraint.

A citizen is identified by the 12-digit personal identification number (the citizen ID card's number); an
organisation by its 10-digit tax code, or 13 digits for a branch (docs/domain.md, "The applicant").
"""

from __future__ import annotations

import re

#: The alternatives, unanchored, to compose into a larger pattern (a scan's file name).
ID_NUMBER_FORMS = r"[0-9]{12}|[0-9]{10}|[0-9]{13}"
#: Anchored, for database constraints and API schemas (which need the text).
ID_NUMBER_PATTERN = rf"^({ID_NUMBER_FORMS})$"
#: The same, or empty (an optional owner filter).
OPTIONAL_ID_NUMBER_PATTERN = rf"^({ID_NUMBER_FORMS})?$"
#: A citizen's ID alone: 12 digits.
CITIZEN_ID_PATTERN = r"^[0-9]{12}$"

ID_NUMBER = re.compile(ID_NUMBER_PATTERN)
CITIZEN_ID = re.compile(CITIZEN_ID_PATTERN)


def is_id_number(value: str | None) -> bool:
    """Whether ``value`` is a citizen's ID number or an organisation's tax code."""
    return bool(value) and ID_NUMBER.match(value or "") is not None
