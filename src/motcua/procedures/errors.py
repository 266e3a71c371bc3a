"""Errors of the catalogue that carry a list of problems rather than one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

from .validators import SpecIssue


def version_immutable(*, number: int, code: str) -> ApplicationError:
    return ApplicationError(
        "procedure_version_immutable",
        _("Version %(number)s of procedure %(code)s is published and cannot be changed; make a new version."),
        params={"number": number, "code": code},
        status=409,
    )


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
