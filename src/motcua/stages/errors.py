"""Errors of the stage catalogue: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.procedures.errors import ImportIssue


def no_published_catalogue() -> ApplicationError:
    return ApplicationError("stages_catalogue_not_found", _("No stage catalogue is published."), status=404)


def stage_not_found(*, code: str) -> ApplicationError:
    return ApplicationError(
        "stages_stage_not_found", _("The stage catalogue has no stage “%(code)s”."), params={"code": code}, field="code"
    )


def version_not_found(*, number: int) -> ApplicationError:
    return ApplicationError(
        "stages_version_not_found", _("The stage catalogue has no version %(number)s."), params={"number": number}
    )


def not_a_draft(*, number: int) -> ApplicationError:
    return ApplicationError(
        "stages_version_not_draft",
        _("Version %(number)s of the stage catalogue is not a draft: copy it into a new draft to change it."),
        params={"number": number},
        status=409,
    )


def copy_of_draft(*, number: int) -> ApplicationError:
    return ApplicationError(
        "stages_copy_of_draft",
        _("Version %(number)s is a draft: only a published or retired version is copied into a new draft."),
        params={"number": number},
        status=409,
    )


def stages_missing(*, codes: Sequence[str]) -> ApplicationError:
    return ApplicationError(
        "stages_required_missing",
        _("The catalogue lacks the stages %(codes)s; every required stage must be defined."),
        params={"codes": ", ".join(codes)},
        field="stages",
        status=422,
    )


def duplicate_code(*, code: str) -> ApplicationError:
    return ApplicationError(
        "stages_duplicate_code",
        _("The stage code “%(code)s” appears more than once."),
        params={"code": code},
        field="code",
        status=422,
    )


def bad_code(*, code: str) -> ApplicationError:
    return ApplicationError(
        "stages_bad_code",
        _("“%(code)s” is not a stage code: lower-case letters, digits and underscores, at most 40."),
        params={"code": code},
        field="code",
        status=422,
    )


def unknown_event(*, kind: str, name: str) -> ApplicationError:
    return ApplicationError(
        "stages_unknown_event",
        _("“%(name)s” is no %(kind)s event motcua records (see docs/stages.md, “Events”)."),
        params={"kind": kind, "name": name},
        field="name",
        status=422,
    )


def unknown_event_kind(*, kind: str) -> ApplicationError:
    return ApplicationError(
        "stages_unknown_event_kind",
        _("“%(kind)s” is no kind of event: dossier or postal."),
        params={"kind": kind},
        field="kind",
        status=422,
    )


def unknown_slip(*, code: str) -> ApplicationError:
    return ApplicationError(
        "stages_unknown_slip",
        _("“%(code)s” is no slip motcua prints (01 to 07, guidance, handover, supplement_received)."),
        params={"code": code},
        field="slips",
        status=422,
    )


def unknown_indicator(*, code: str) -> ApplicationError:
    return ApplicationError(
        "stages_unknown_indicator",
        _("“%(code)s” is no indicator group: transparency, progress, online, payment, satisfaction, digitization."),
        params={"code": code},
        field="indicators",
        status=422,
    )


def bad_choice(*, value: str, choices: Sequence[str], field: str) -> ApplicationError:
    return ApplicationError(
        "stages_bad_choice",
        _("“%(value)s” is not one of: %(choices)s."),
        params={"value": value, "choices": ", ".join(choices)},
        field=field,
        status=422,
    )


def required(*, field: str) -> ApplicationError:
    return ApplicationError("stages_value_required", _("A value is required."), field=field, status=422)


def bad_number(*, value: str, field: str) -> ApplicationError:
    return ApplicationError(
        "stages_bad_number",
        _("“%(value)s” is not a whole number of at least 0."),
        params={"value": value},
        field=field,
        status=422,
    )


def no_steps(*, code: str) -> ApplicationError:
    return ApplicationError(
        "stages_no_steps",
        _("The stage “%(code)s” has no steps."),
        params={"code": code},
        field="steps",
        status=422,
    )


def step_of_unknown_stage(*, code: str) -> ApplicationError:
    return ApplicationError(
        "stages_row_of_unknown_stage",
        _("No row of the sheet “stages” has the code “%(code)s”."),
        params={"code": code},
        field="stage",
        status=422,
    )


def duplicate_order(*, order: int) -> ApplicationError:
    return ApplicationError(
        "stages_duplicate_order", _("The order %(order)s is used twice."), params={"order": order}, status=422
    )


def sheet_missing(*, sheet: str) -> ApplicationError:
    return ApplicationError(
        "stages_sheet_missing", _("The workbook has no sheet “%(sheet)s”."), params={"sheet": sheet}, status=422
    )


def file_unreadable(*, reason: str) -> ApplicationError:
    return ApplicationError(
        "stages_file_unreadable",
        _("The workbook could not be read: %(reason)s"),
        params={"reason": reason},
        status=422,
    )


class StagesImportRejected(ApplicationError):
    """Nothing was imported; ``issues`` holds every problem found, by sheet, row and column."""

    def __init__(self, issues: Sequence[ImportIssue]) -> None:
        self.issues = list(issues)
        super().__init__(
            "stages_import_rejected",
            _("The import was rejected with %(count)s error(s); nothing was written."),
            params={"count": len(self.issues)},
            status=422,
        )

    def lines(self) -> list[str]:
        return [issue.line() for issue in self.issues]


def import_rejected(issues: Sequence[ImportIssue]) -> StagesImportRejected:
    return StagesImportRejected(issues)
