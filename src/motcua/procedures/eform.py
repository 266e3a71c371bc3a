"""The e-form a procedure version declares (tờ khai điện tử): its field types and how to read a version's fields.

The declaration belongs to the version like its components: copied into a new draft, frozen on publishing
(docs/catalogue-workbook.md, "E-form fields"). Online filing (``motcua.submissions.eform``) builds its form from it.
"""

from __future__ import annotations

import re

from .models import ProcedureVersion
from .specs import EFormFieldSpec, eform_fields_from_json

TEXT, LONG_TEXT, DATE, NUMBER, CHOICE, YES_NO = "text", "long_text", "date", "number", "choice", "yes_no"
ID_NUMBER, PHONE, EMAIL, COMMUNE = "id_number", "phone", "email", "commune"
FIELD_TYPES = (TEXT, LONG_TEXT, DATE, NUMBER, CHOICE, YES_NO, ID_NUMBER, PHONE, EMAIL, COMMUNE)
TEXT_TYPES = (TEXT, LONG_TEXT)
# A key names the value in the submission's form data, beside the applicant's own fields: it is a short slug that
# cannot take one of their names.
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")
RESERVED_KEY_PREFIXES = ("applicant_", "representative_", "authorization_", "request_", "return_", "fee_")
OPTION_VALUE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,49}")
LABEL_MAX, HELP_MAX, OPTIONS_MAX = 200, 500, 50
TEXT_MAX_LENGTH = {TEXT: 255, LONG_TEXT: 4000}
NUMBER_LIMIT = 10**12


def version_eform_fields(version: ProcedureVersion) -> tuple[EFormFieldSpec, ...]:
    """The fields ``version`` declares, in order (none: the filer writes the request in their own words)."""
    return eform_fields_from_json(version.eform_fields)
