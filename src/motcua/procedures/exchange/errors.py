"""Errors of the catalogue workbook: its file, sheets, columns and cells, and the import that writes it.

One function per rule, each with a stable code and a bilingual message; :class:`..errors.ImportIssue` places
each at its sheet, row and column. The rules on a procedure's content are in :mod:`motcua.procedures.errors`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

# --- the file (tables.py) ------------------------------------------------------------------------------------------


def file_too_large(*, max_mb: int) -> ApplicationError:
    return ApplicationError("file_too_large", _("The file is larger than %(max)s MB."), params={"max": max_mb})


def file_not_recognised() -> ApplicationError:
    return ApplicationError(
        "file_not_recognised", _("The file is neither an Excel workbook (.xlsx) nor a .zip of CSV files.")
    )


def file_unreadable(*, reason: str) -> ApplicationError:
    return ApplicationError(
        "file_unreadable", _("The workbook could not be read: %(reason)s"), params={"reason": reason}
    )


def csv_not_utf8(*, file: str) -> ApplicationError:
    return ApplicationError(
        "csv_not_utf8", _("The file %(file)s is not UTF-8 text; save it as “CSV UTF-8”."), params={"file": file}
    )


def csv_malformed(*, file: str, reason: str) -> ApplicationError:
    return ApplicationError(
        "csv_malformed",
        _("The file %(file)s is not valid CSV: %(reason)s"),
        params={"file": file, "reason": reason},
    )


def sheet_too_long(*, sheet: str, max: int) -> ApplicationError:
    return ApplicationError(
        "sheet_too_long", _("The sheet %(sheet)s has more than %(max)s rows."), params={"sheet": sheet, "max": max}
    )


# --- sheets and columns (parse.py) -----------------------------------------------------------------------------------


def sheet_missing(*, sheet: str) -> ApplicationError:
    return ApplicationError("sheet_missing", _("The sheet %(sheet)s is missing."), params={"sheet": sheet})


def column_duplicate(*, column: str) -> ApplicationError:
    return ApplicationError("column_duplicate", _("The column %(column)s appears twice."), params={"column": column})


def column_missing(*, column: str) -> ApplicationError:
    return ApplicationError("column_missing", _("The column %(column)s is missing."), params={"column": column})


# --- cells (columns.py); a blank required cell is motcua.procedures.errors.value_required ---------------------------


def value_not_a_number(*, value: Any) -> ApplicationError:
    return ApplicationError("value_not_a_number", _("“%(value)s” is not a number."), params={"value": value})


def value_not_an_integer(*, value: Any) -> ApplicationError:
    return ApplicationError("value_not_an_integer", _("“%(value)s” is not a whole number."), params={"value": value})


def value_not_a_boolean(*, value: Any) -> ApplicationError:
    return ApplicationError(
        "value_not_a_boolean", _("“%(value)s” is not a yes/no value: write true or false."), params={"value": value}
    )


# --- rows (parse.py) -------------------------------------------------------------------------------------------------


def order_invalid() -> ApplicationError:
    return ApplicationError("order_invalid", _("The order must be 1 or more."))


def order_duplicate(*, order: int, code: str, row: int) -> ApplicationError:
    return ApplicationError(
        "order_duplicate",
        _("The order %(order)s of procedure %(code)s is already used in row %(row)s."),
        params={"order": order, "code": code, "row": row},
    )


def procedure_duplicate(*, code: str, row: int) -> ApplicationError:
    return ApplicationError(
        "procedure_duplicate",
        _("The procedure %(code)s already appears in row %(row)s."),
        params={"code": code, "row": row},
    )


def field_name_conflict(*, code: str, row: int) -> ApplicationError:
    return ApplicationError(
        "field_name_conflict",
        _("The field %(code)s is named differently in row %(row)s."),
        params={"code": code, "row": row},
    )


def procedure_reference_unknown(*, code: str) -> ApplicationError:
    return ApplicationError(
        "procedure_reference_unknown",
        _("No row of the procedures sheet has the code %(code)s."),
        params={"code": code},
    )


# --- against the catalogue (importer.py); an unknown field is motcua.procedures.errors.field_unknown ---------------


def field_name_mismatch(*, code: str, name: str) -> ApplicationError:
    return ApplicationError(
        "field_name_mismatch",
        _("The field %(code)s is called “%(name)s” in the catalogue; rename it there, or use that name."),
        params={"code": code, "name": name},
    )


def import_conflict() -> ApplicationError:
    return ApplicationError(
        "procedures_import_conflict",
        _("The catalogue changed while the file was being imported; nothing was written. Import it again."),
    )
