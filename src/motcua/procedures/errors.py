"""Errors of the procedure catalogue: one function per rule, each with a stable code and a bilingual message.

The rules on a procedure's content (:mod:`.validators`), the catalogue's services and selectors, and the fee
quote; then the errors that carry a list of problems rather than one. The workbook's own errors (sheets, columns,
cells, files) are in :mod:`.exchange.errors`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

if TYPE_CHECKING:  # the validators raise the errors below
    from .validators import SpecIssue


# --- any value (validators.py, and the workbook's cells) -----------------------------------------------------------


def value_required() -> ApplicationError:
    return ApplicationError("value_required", _("This value is required."))


def value_too_long(*, limit: int, length: int) -> ApplicationError:
    return ApplicationError(
        "value_too_long",
        _("At most %(limit)s characters are allowed; this value has %(length)s."),
        params={"limit": limit, "length": length},
    )


def number_too_precise(*, places: int) -> ApplicationError:
    return ApplicationError(
        "number_too_precise", _("At most %(places)s decimal places are allowed."), params={"places": places}
    )


def number_too_large(*, value: Decimal | int, limit: Decimal | int) -> ApplicationError:
    return ApplicationError(
        "number_too_large",
        _("The value %(value)s is larger than the allowed %(limit)s."),
        params={"value": value, "limit": limit},
    )


def _not_one_of(code: str, value: str, allowed: Iterable[str]) -> ApplicationError:
    return ApplicationError(
        code,
        _("“%(value)s” is not allowed here; use one of: %(allowed)s."),
        params={"value": value, "allowed": ", ".join(allowed)},
    )


# A value outside its list of choices: one code per list, one wording for all.


def level_unknown(*, value: str, allowed: Iterable[str]) -> ApplicationError:
    return _not_one_of("procedure_level_unknown", value, allowed)


def time_limit_unit_unknown(*, value: str, allowed: Iterable[str]) -> ApplicationError:
    return _not_one_of("time_limit_unit_unknown", value, allowed)


def online_submission_unknown(*, value: str, allowed: Iterable[str]) -> ApplicationError:
    return _not_one_of("online_submission_unknown", value, allowed)


def component_form_unknown(*, value: str, allowed: Iterable[str]) -> ApplicationError:
    return _not_one_of("component_form_unknown", value, allowed)


def fee_kind_unknown(*, value: str, allowed: Iterable[str]) -> ApplicationError:
    return _not_one_of("fee_kind_unknown", value, allowed)


def step_role_unknown(*, value: str, allowed: Iterable[str]) -> ApplicationError:
    return _not_one_of("step_role_unknown", value, allowed)


# --- a procedure's own values ----------------------------------------------------------------------------------------


def procedure_code_invalid(*, value: str) -> ApplicationError:
    return ApplicationError(
        "procedure_code_invalid",
        _(
            "“%(value)s” is not a procedure code: expected d.dddddd such as 1.001193, "
            "optionally followed by a local suffix such as .000.00.00.H56."
        ),
        params={"value": value},
    )


def field_code_invalid(*, value: str) -> ApplicationError:
    return ApplicationError(
        "field_code_invalid",
        _("“%(value)s” is not a field code: use letters, digits, “.”, “_” or “-”, at most 40 characters."),
        params={"value": value},
    )


def levels_empty() -> ApplicationError:
    return ApplicationError(
        "procedure_levels_empty", _("Give at least one implementing level: central, province or commune.")
    )


def level_repeated(*, value: str) -> ApplicationError:
    return ApplicationError(
        "procedure_level_repeated", _("The level “%(value)s” is given more than once."), params={"value": value}
    )


def time_limit_negative() -> ApplicationError:
    return ApplicationError("time_limit_negative", _("The time limit cannot be negative."))


def same_day_needs_working_time() -> ApplicationError:
    return ApplicationError(
        "same_day_needs_working_time",
        _("The same-day rule applies only to time limits in working days or working hours."),
    )


def without_components() -> ApplicationError:
    return ApplicationError("procedure_without_components", _("A procedure needs at least one dossier component."))


def steps_exceed_time_limit(*, total: Decimal, limit: Decimal) -> ApplicationError:
    return ApplicationError(
        "steps_exceed_time_limit",
        _("The process steps take %(total)s, more than the time limit of %(limit)s."),
        params={"total": total, "limit": limit},
    )


# --- its parts: components, fees, steps ------------------------------------------------------------------------------


def component_quantity_invalid(*, max: int) -> ApplicationError:
    return ApplicationError(
        "component_quantity_invalid",
        _("The quantity must be a whole number from 1 to %(max)s."),
        params={"max": max},
    )


def component_condition_missing() -> ApplicationError:
    return ApplicationError(
        "component_condition_missing", _("A component that is not mandatory must say when it is required.")
    )


def fee_amount_negative() -> ApplicationError:
    return ApplicationError("fee_amount_negative", _("A fee or charge cannot be negative."))


def fee_group_invalid(*, max: int) -> ApplicationError:
    return ApplicationError(
        "fee_group_invalid", _("An alternative group is a whole number from 1 to %(max)s."), params={"max": max}
    )


def fee_alternative_optional() -> ApplicationError:
    return ApplicationError(
        "fee_alternative_optional",
        _("A line of an alternative group cannot be optional: one line of the group always applies."),
    )


def fee_group_single_line(*, group: int) -> ApplicationError:
    return ApplicationError(
        "fee_group_single_line",
        _("Alternative group %(group)s has a single line; alternatives are two or more lines."),
        params={"group": group},
    )


def step_duration_negative() -> ApplicationError:
    return ApplicationError("step_duration_negative", _("The duration of a step cannot be negative."))


def parallel_group_invalid() -> ApplicationError:
    return ApplicationError("parallel_group_invalid", _("A parallel group is a whole number of at least 1."))


def parallel_group_single_step(*, group: int) -> ApplicationError:
    return ApplicationError(
        "parallel_group_single_step",
        _("Parallel group %(group)s has a single step; a group runs two or more steps at the same time."),
        params={"group": group},
    )


def parallel_group_not_contiguous(*, group: int) -> ApplicationError:
    return ApplicationError(
        "parallel_group_not_contiguous",
        _("The steps of parallel group %(group)s must follow one another."),
        params={"group": group},
    )


# --- the catalogue: fields, procedures, versions (services, selectors) -----------------------------------------------


def field_unknown(*, code: str, creatable: bool = False) -> ApplicationError:
    """No field has ``code``. ``creatable``: the input could create it by naming it (the workbook's field_name)."""
    message = (
        _("No field has the code %(code)s; give its name in field_name to create it.")
        if creatable
        else _("No field has the code %(code)s.")
    )
    return ApplicationError("field_unknown", message, params={"code": code})


def field_exists(*, code: str) -> ApplicationError:
    return ApplicationError("field_exists", _("A field with the code %(code)s already exists."), params={"code": code})


def procedure_exists(*, code: str) -> ApplicationError:
    return ApplicationError(
        "procedure_exists",
        _("A procedure with the code %(code)s already exists; make a new version of it instead."),
        params={"code": code},
    )


def procedure_not_found(*, code: str) -> ApplicationError:
    return ApplicationError(
        "procedure_not_found", _("No published procedure has the code %(code)s."), params={"code": code}
    )


def has_draft(*, code: str, number: int) -> ApplicationError:
    return ApplicationError(
        "procedure_has_draft",
        _("Procedure %(code)s already has the draft version %(number)s; edit or publish it first."),
        params={"code": code, "number": number},
    )


def version_of_other_procedure(*, number: int, code: str) -> ApplicationError:
    return ApplicationError(
        "procedure_version_of_other_procedure",
        _("Version %(number)s does not belong to procedure %(code)s."),
        params={"number": number, "code": code},
    )


def code_mismatch(*, given: str, code: str) -> ApplicationError:
    return ApplicationError(
        "procedure_code_mismatch",
        _("The content is for procedure %(given)s, not %(code)s."),
        params={"given": given, "code": code},
    )


def version_immutable(*, number: int, code: str) -> ApplicationError:
    return ApplicationError(
        "procedure_version_immutable",
        _("Version %(number)s of procedure %(code)s is published and cannot be changed; make a new version."),
        params={"number": number, "code": code},
        status=409,
    )


def version_not_draft(*, number: int, status: Any) -> ApplicationError:
    return ApplicationError(
        "procedure_version_not_draft",
        _("Only a draft can be published; version %(number)s is %(status)s."),
        params={"number": number, "status": status},
    )


def version_without_components() -> ApplicationError:
    return ApplicationError(
        "procedure_version_without_components",
        _("A procedure cannot be published without its list of dossier components."),
    )


def version_not_published(*, number: int, status: Any) -> ApplicationError:
    return ApplicationError(
        "procedure_version_not_published",
        _("Only a published version can be retired; version %(number)s is %(status)s."),
        params={"number": number, "status": status},
    )


# --- the fee quote (fees.py) -----------------------------------------------------------------------------------------


def fee_quantity_invalid(*, line: str, max: int) -> ApplicationError:
    return ApplicationError(
        "fee_quantity_invalid",
        _("The number asked for “%(line)s” must be a whole number from 1 to %(max)s."),
        params={"line": line, "max": max},
    )


def fee_quantity_not_per_unit(*, line: str, count: int) -> ApplicationError:
    return ApplicationError(
        "fee_quantity_not_per_unit",
        _("“%(line)s” is charged once: it cannot be asked for %(count)s times."),
        params={"line": line, "count": count},
    )


def fee_line_unknown(*, id: int) -> ApplicationError:
    return ApplicationError(
        "fee_line_unknown", _("The fee line %(id)s is not one of this procedure's."), params={"id": id}
    )


def fee_alternative_missing(*, lines: str) -> ApplicationError:
    return ApplicationError(
        "fee_alternative_missing",
        _("Choose which of these fees applies (fee_lines): %(lines)s."),
        params={"lines": lines},
    )


def fee_alternatives_several(*, lines: str) -> ApplicationError:
    return ApplicationError(
        "fee_alternatives_several", _("Only one of these fees applies: %(lines)s."), params={"lines": lines}
    )


def fee_exemption_not_provided() -> ApplicationError:
    return ApplicationError("fee_exemption_not_provided", _("None of the fees charged here provides for an exemption."))


# --- errors that carry a list of problems ----------------------------------------------------------------------------


class _InActiveLanguage:
    """An error rendered in whatever language its container is being rendered in."""

    def __init__(self, error: ApplicationError) -> None:
        self.error = error

    def __str__(self) -> str:
        return self.error.render(translation.get_language() or "vi")


class ProcedureSpecInvalid(ApplicationError):
    """The content of a procedure breaks one or more rules; ``issues`` lists them all."""

    def __init__(self, *, national_code: str, issues: Sequence[SpecIssue]) -> None:
        self.issues = list(issues)
        first = self.issues[0]
        where = f"{first.part}[{first.index + 1}].{first.field}" if first.index is not None else first.field
        super().__init__(
            "procedure_spec_invalid",
            _("Procedure %(code)s breaks %(count)s rule(s); the first, at %(where)s: %(first)s"),
            params={
                "code": national_code,
                "count": len(self.issues),
                "where": where,
                "first": _InActiveLanguage(first.error),
            },
            status=422,
        )


@dataclass(frozen=True)
class ImportIssue:
    """One problem of an imported file, where a person finds it in Excel: sheet, row, column."""

    sheet: str
    row: int | None
    column: str
    code: str
    message_vi: str
    message_en: str

    @classmethod
    def of(cls, error: ApplicationError, *, sheet: str = "", row: int | None = None, column: str = "") -> ImportIssue:
        messages = error.messages()
        return cls(sheet, row, column, error.code, messages["vi"], messages["en"])

    @property
    def location(self) -> tuple[str, int | None, str, str]:
        return (self.sheet, self.row, self.column, self.code)

    def line(self) -> str:
        """``sheet/row/column: vi / en``, a dash for what does not apply."""
        where = "/".join([self.sheet or "-", str(self.row) if self.row is not None else "-", self.column or "-"])
        return f"{where}: {self.message_vi} / {self.message_en}"


class ImportRejected(ApplicationError):
    """Nothing was imported; ``issues`` holds every problem found, in file order."""

    def __init__(self, issues: Sequence[ImportIssue]) -> None:
        self.issues = list(issues)
        super().__init__(
            "procedures_import_rejected",
            _("The import was rejected with %(count)s error(s); nothing was written."),
            params={"count": len(self.issues)},
            status=422,
        )

    def lines(self) -> list[str]:
        return [issue.line() for issue in self.issues]


# --- the e-form's declaration (specs.eform_fields_from_json, validators.check_eform_fields) --------------------------


def eform_not_a_list() -> ApplicationError:
    return ApplicationError(
        "eform_not_a_list", _('The e-form fields must be a JSON list of objects, e.g. [{"key": …, "label": …}].')
    )


def eform_too_many_fields(*, max: int) -> ApplicationError:
    return ApplicationError("eform_too_many_fields", _("An e-form has at most %(max)s fields."), params={"max": max})


def eform_field_not_an_object(*, position: int) -> ApplicationError:
    return ApplicationError(
        "eform_field_not_an_object",
        _('E-form field %(position)s is not an object {"key": …, "label": …}.'),
        params={"position": position},
    )


def eform_attribute_unknown(*, position: int, name: str, allowed: str) -> ApplicationError:
    return ApplicationError(
        "eform_attribute_unknown",
        _("E-form field %(position)s: “%(name)s” is not an attribute of a field; use: %(allowed)s."),
        params={"position": position, "name": name[:60], "allowed": allowed},
    )


def eform_attribute_missing(*, position: int, name: str) -> ApplicationError:
    return ApplicationError(
        "eform_attribute_missing",
        _("E-form field %(position)s has no “%(name)s”."),
        params={"position": position, "name": name},
    )


def eform_attribute_wrong_kind(*, position: int, name: str, kind: str) -> ApplicationError:
    return ApplicationError(
        "eform_attribute_wrong_kind",
        _("E-form field %(position)s: “%(name)s” must be %(kind)s."),
        params={"position": position, "name": name, "kind": kind},
    )


def eform_not_json(*, reason: str) -> ApplicationError:
    return ApplicationError(
        "eform_not_json", _("The e-form fields are not valid JSON: %(reason)s."), params={"reason": reason[:200]}
    )


def eform_key_invalid(*, position: int, key: str) -> ApplicationError:
    return ApplicationError(
        "eform_key_invalid",
        _(
            "E-form field %(position)s: the key “%(key)s” must be 1 to 40 lower-case letters, digits or _, "
            "starting with a letter."
        ),
        params={"position": position, "key": key[:60]},
    )


def eform_key_reserved(*, position: int, key: str) -> ApplicationError:
    return ApplicationError(
        "eform_key_reserved",
        _("E-form field %(position)s: the key “%(key)s” is taken by the applicant's own data; choose another."),
        params={"position": position, "key": key},
    )


def eform_key_repeated(*, position: int, key: str) -> ApplicationError:
    return ApplicationError(
        "eform_key_repeated",
        _("E-form field %(position)s: the key “%(key)s” is already used by another field."),
        params={"position": position, "key": key},
    )


def eform_type_unknown(*, position: int, value: str, allowed: str) -> ApplicationError:
    return ApplicationError(
        "eform_type_unknown",
        _("E-form field %(position)s: “%(value)s” is not a field type; use one of: %(allowed)s."),
        params={"position": position, "value": value[:60], "allowed": allowed},
    )


def eform_text_invalid(*, position: int, name: str, limit: int) -> ApplicationError:
    return ApplicationError(
        "eform_text_invalid",
        _("E-form field %(position)s: “%(name)s” must be at most %(limit)s characters."),
        params={"position": position, "name": name, "limit": limit},
    )


def eform_label_missing(*, position: int) -> ApplicationError:
    return ApplicationError(
        "eform_label_missing", _("E-form field %(position)s has no label."), params={"position": position}
    )


def eform_options_invalid(*, position: int, max: int) -> ApplicationError:
    return ApplicationError(
        "eform_options_invalid",
        _(
            "E-form field %(position)s: a choice needs 2 to %(max)s options, each a distinct value (letters, digits, "
            "_ . -) and a label."
        ),
        params={"position": position, "max": max},
    )


def eform_attribute_not_for_type(*, position: int, name: str, type: str) -> ApplicationError:
    return ApplicationError(
        "eform_attribute_not_for_type",
        _("E-form field %(position)s: “%(name)s” does not apply to a field of type %(type)s."),
        params={"position": position, "name": name, "type": type},
    )


def eform_max_length_invalid(*, position: int, limit: int) -> ApplicationError:
    return ApplicationError(
        "eform_max_length_invalid",
        _("E-form field %(position)s: max_length must be between 1 and %(limit)s."),
        params={"position": position, "limit": limit},
    )


def eform_bounds_invalid(*, position: int, limit: int) -> ApplicationError:
    return ApplicationError(
        "eform_bounds_invalid",
        _("E-form field %(position)s: min and max must lie within ±%(limit)s, and min may not exceed max."),
        params={"position": position, "limit": limit},
    )
