"""The workbook format: four sheets, their columns, and how a cell becomes a value and back.

Column names are stable English snake_case and equal the attribute names of :mod:`motcua.procedures.specs`,
so a broken rule on ``time_limit`` points at the ``time_limit`` column. Part sheets (components, fees, steps)
name their procedure by ``national_code`` and their position by ``order``.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.text import fold

from .. import errors as catalogue_errors
from ..models import ImplementingLevel
from ..specs import EFormFieldSpec, eform_fields_from_json, eform_fields_to_json, normal_decimal
from . import errors

TEXT, INTEGER, DECIMAL, BOOLEAN, LEVELS, OPTIONAL_INTEGER = "text", "integer", "decimal", "boolean", "levels", "opt_int"
EFORM = "eform"
# Excel holds at most 32,767 characters in a cell.
EFORM_CELL_MAX = 32_000


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    help: Promise
    required: bool = True
    default: Any = None

    @property
    def placeholder(self) -> Any:
        """A harmless stand-in for a cell that could not be read, so the row's other rules can still run."""
        if self.default is not None:
            return self.default
        placeholders = {TEXT: "", INTEGER: 1, DECIMAL: Decimal(0), BOOLEAN: False, LEVELS: (), OPTIONAL_INTEGER: None}
        return placeholders.get(self.kind, ())


def _code_column() -> Column:
    return Column("national_code", TEXT, _("Procedure code in the national database, e.g. 1.001193."))


def _order_column() -> Column:
    return Column("order", INTEGER, _("Position within the procedure: 1, 2, 3…"))


PROCEDURES = "procedures"
COMPONENTS = "components"
FEES = "fees"
STEPS = "steps"

SHEETS: dict[str, tuple[Column, ...]] = {
    PROCEDURES: (
        _code_column(),
        Column("field_code", TEXT, _("Code of the field (lĩnh vực), e.g. HT for civil status.")),
        Column(
            "field_name",
            TEXT,
            _("Name of the field; needed only to create a field the catalogue does not have yet."),
            required=False,
            default="",
        ),
        Column("name", TEXT, _("Name of the procedure.")),
        Column("levels", LEVELS, _("Implementing levels, comma-separated: central, province, commune.")),
        Column("competent_authority", TEXT, _("Agency competent to decide.")),
        Column("time_limit", DECIMAL, _("Statutory time limit, a number ≥ 0 in the unit of time_limit_unit.")),
        Column("time_limit_unit", TEXT, _("working_days, calendar_days or working_hours.")),
        Column(
            "same_day_cutoff",
            BOOLEAN,
            _("true when received before 15:00 means returned the same day."),
            required=False,
            default=False,
        ),
        Column("result_kind", TEXT, _("What the applicant receives: certificate, licence, decision…")),
        Column("online_submission", TEXT, _("Online filing: none, partial or full."), required=False, default="none"),
        Column(
            "postal_pickup",
            BOOLEAN,
            _("true when the dossier may be sent or picked up by post."),
            required=False,
            default=True,
        ),
        Column(
            "postal_return", BOOLEAN, _("true when the result may be returned by post."), required=False, default=True
        ),
        Column("legal_basis", TEXT, _("Laws, decrees and circulars it rests on."), required=False, default=""),
        Column("applicant_requirements", TEXT, _("Conditions on the applicant, if any."), required=False, default=""),
        Column("note", TEXT, _("Free note, e.g. the source of the data."), required=False, default=""),
        Column(
            "eform_fields",
            EFORM,
            _(
                "The e-form an online filer fills in: a JSON list of fields, each with key, label and type "
                "(see the guide); empty when the filer writes the request in their own words."
            ),
            required=False,
            default=(),
        ),
    ),
    COMPONENTS: (
        _code_column(),
        _order_column(),
        Column("name", TEXT, _("Name of the document.")),
        Column("form", TEXT, _("original, copy, certified_copy, original_or_copy, shown or electronic.")),
        Column("quantity", INTEGER, _("Number of copies, at least 1."), required=False, default=1),
        Column("mandatory", BOOLEAN, _("false when required only in some cases."), required=False, default=True),
        Column("condition", TEXT, _("When it is required; needed when not mandatory."), required=False, default=""),
        Column("form_template", TEXT, _("Code or name of the form to fill in."), required=False, default=""),
    ),
    FEES: (
        _code_column(),
        _order_column(),
        Column("kind", TEXT, _("fee (phí) or charge (lệ phí).")),
        Column("description", TEXT, _("What is paid for, e.g. per copy.")),
        Column("amount", INTEGER, _("Amount in whole Vietnamese đồng, ≥ 0.")),
        Column("exemptions", TEXT, _("Who is exempted or pays less."), required=False, default=""),
        Column(
            "group",
            OPTIONAL_INTEGER,
            _("Lines with the same number are alternatives: exactly one applies. Empty when the line stands alone."),
            required=False,
        ),
        Column(
            "optional",
            BOOLEAN,
            _("true when charged only if the applicant asks for it (e.g. extra copies)."),
            required=False,
            default=False,
        ),
        Column(
            "per_unit",
            TEXT,
            _("The unit when the amount is per unit asked for, e.g. copy; empty for a single amount."),
            required=False,
            default="",
        ),
    ),
    STEPS: (
        _code_column(),
        _order_column(),
        Column("name", TEXT, _("What is done in the step.")),
        Column("role", TEXT, _("Role: postal_clerk, agency_specialist, agency_leader, one_stop_supervisor…")),
        Column("unit", TEXT, _("Who does it, e.g. one-stop department.")),
        Column("duration", DECIMAL, _("Share of the time limit, in its unit: 0.25, 0.5, 1…")),
        Column(
            "at_other_agency",
            BOOLEAN,
            _("true when done at another agency (inter-agency)."),
            required=False,
            default=False,
        ),
        Column(
            "parallel_group",
            OPTIONAL_INTEGER,
            _("Steps with the same number run at the same time; leave empty for a sequential step."),
            required=False,
        ),
    ),
}
SHEET_ORDER = (PROCEDURES, COMPONENTS, FEES, STEPS)


# --- reading a cell ------------------------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    # Keyboards and files differ in how they compose Vietnamese letters: compare and store one form (NFC).
    return unicodedata.normalize("NFC", str(value)).strip()


_THOUSANDS = re.compile(r"\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*")


def parse_integer(value: Any) -> int:
    if isinstance(value, bool):
        raise errors.value_not_an_integer(value=value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        if value != int(value):
            raise errors.value_not_an_integer(value=value)
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", " ")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("-").strip()
        if _THOUSANDS.fullmatch(digits):  # "8.000", "1,250,000", "33 000": written as Vietnamese or English do
            digits = re.sub(r"[.,\s]", "", digits)
        if digits.isdigit():
            return sign * int(digits)
    raise errors.value_not_an_integer(value=value)


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise errors.value_not_a_number(value=value)
    if isinstance(value, int | Decimal):
        return normal_decimal(Decimal(value))
    if isinstance(value, float):
        return normal_decimal(Decimal(repr(value)))
    if isinstance(value, str):
        text = value.strip()
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # a Vietnamese decimal comma: 0,5
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise errors.value_not_a_number(value=value) from None
        if number.is_finite():
            return normal_decimal(number)
    raise errors.value_not_a_number(value=value)


_TRUE = {"true", "yes", "y", "1", "x", "co", "dung"}
_FALSE = {"false", "no", "n", "0", "khong", "sai"}


def parse_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = fold(value)
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise errors.value_not_a_boolean(value=value)


_LEVEL_ORDER = {level: index for index, level in enumerate(ImplementingLevel.values)}


def parse_levels(value: Any) -> tuple[str, ...]:
    """``"commune, province"`` → ``("province", "commune")``: one order, so equal sets compare equal."""
    if isinstance(value, list | tuple):
        words = [parse_text(word).lower() for word in value]
    else:
        words = [word for word in re.split(r"[,;\s]+", parse_text(value).lower()) if word]
    return tuple(sorted(words, key=lambda word: _LEVEL_ORDER.get(word, len(_LEVEL_ORDER))))


def parse_optional_integer(value: Any) -> int | None:
    return parse_integer(value)


def parse_eform(value: Any) -> tuple[EFormFieldSpec, ...]:
    if isinstance(value, list | tuple):
        return eform_fields_from_json(list(value))
    text = parse_text(value)
    if len(text) > EFORM_CELL_MAX:
        raise catalogue_errors.value_too_long(limit=EFORM_CELL_MAX, length=len(text))
    try:
        data = json.loads(text)
    except ValueError as error:
        raise catalogue_errors.eform_not_json(reason=str(error)) from None
    return eform_fields_from_json(data)


PARSERS: dict[str, Callable[[Any], Any]] = {
    TEXT: parse_text,
    INTEGER: parse_integer,
    DECIMAL: parse_decimal,
    BOOLEAN: parse_boolean,
    LEVELS: parse_levels,
    OPTIONAL_INTEGER: parse_optional_integer,
    EFORM: parse_eform,
}


def parse_cell(column: Column, value: Any) -> Any:
    """The value of a cell, the column's default when blank; :class:`ApplicationError` when unreadable."""
    if _blank(value):
        if column.required:
            raise catalogue_errors.value_required()
        return column.default
    return PARSERS[column.kind](value)


# --- writing a cell ------------------------------------------------------------------------------------------------


def cell_value(column: Column, value: Any) -> Any:
    """The value as a spreadsheet cell holds it: numbers as numbers, levels as one comma-separated text."""
    if value is None:
        return None
    if column.kind == EFORM:
        return (value if isinstance(value, str) else eform_cell(value)) or None
    if column.kind == LEVELS:
        return ", ".join(value)
    if column.kind == DECIMAL:
        number = normal_decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    return value


def cell_text(column: Column, value: Any) -> str:
    """The value as a CSV file holds it."""
    if value is None:
        return ""
    if column.kind == EFORM:
        return value if isinstance(value, str) else eform_cell(value)
    if column.kind == BOOLEAN:
        return "true" if value else "false"
    if column.kind == LEVELS:
        return ", ".join(value)
    if column.kind == DECIMAL:
        return format(normal_decimal(value), "f")
    return str(value)


def eform_cell(fields: tuple[EFormFieldSpec, ...]) -> str:
    """The fields as one JSON text (Vietnamese letters as they are), empty when there are none."""
    return json.dumps(eform_fields_to_json(fields), ensure_ascii=False) if fields else ""
