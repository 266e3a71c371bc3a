"""Errors of training: one function per rule, each with a stable code and a bilingual message.

Import errors are gathered per line (``LineIssue``) and raised together as ``TrainingImportRejected``: an import
writes everything or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

# --- files ------------------------------------------------------------------------------------------------------


def file_too_large(*, limit_mb: int) -> ApplicationError:
    return ApplicationError(
        "training_file_too_large",
        _("The file is larger than %(limit)s MB."),
        params={"limit": limit_mb},
        field="file",
        status=413,
    )


def file_not_utf8() -> ApplicationError:
    return ApplicationError("training_file_not_utf8", _("The file is not UTF-8 text."), field="file", status=422)


def file_format_unknown(*, name: str) -> ApplicationError:
    return ApplicationError(
        "training_file_format_unknown",
        _("“%(name)s” is neither a GIFT file (.gift, .txt) nor a Moodle XML file (.xml)."),
        params={"name": name},
        field="file",
        status=415,
    )


def file_has_no_questions() -> ApplicationError:
    return ApplicationError("training_file_no_questions", _("The file holds no question."), field="file", status=422)


# --- GIFT syntax ------------------------------------------------------------------------------------------------


def gift_unclosed_brace() -> ApplicationError:
    return ApplicationError("training_gift_unclosed_brace", _("An answer block “{” is not closed by “}”."))


def gift_unopened_brace() -> ApplicationError:
    return ApplicationError("training_gift_unopened_brace", _("A “}” closes no answer block."))


def gift_two_blocks() -> ApplicationError:
    return ApplicationError(
        "training_gift_two_blocks", _("A question has one answer block “{…}” only; write the second as a new question.")
    )


def gift_essay() -> ApplicationError:
    return ApplicationError(
        "training_gift_essay", _("An empty answer block “{}” is an essay, which is not marked automatically.")
    )


def gift_no_answer_block() -> ApplicationError:
    return ApplicationError(
        "training_gift_no_answer_block",
        _("The question has no answer block “{…}”; descriptions are not imported."),
    )


def gift_bad_category() -> ApplicationError:
    return ApplicationError("training_gift_bad_category", _("“$CATEGORY:” must be followed by a category name."))


def bad_weight(*, value: str) -> ApplicationError:
    return ApplicationError(
        "training_bad_weight",
        _("“%(value)s” is not a weight: write a percentage between -100 and 100, such as %%50%%."),
        params={"value": value},
    )


def bad_number(*, value: str) -> ApplicationError:
    return ApplicationError("training_bad_number", _("“%(value)s” is not a number."), params={"value": value})


def bad_matching_pair(*, value: str) -> ApplicationError:
    return ApplicationError(
        "training_bad_matching_pair",
        _("“%(value)s” is not a matching pair “=item -> match”."),
        params={"value": value},
    )


def answer_without_marker(*, value: str) -> ApplicationError:
    return ApplicationError(
        "training_answer_without_marker",
        _("The answer “%(value)s” must start with “=” (right) or “~” (wrong)."),
        params={"value": value},
    )


# --- Moodle XML -------------------------------------------------------------------------------------------------


def xml_malformed(*, detail: str) -> ApplicationError:
    return ApplicationError(
        "training_xml_malformed", _("The XML is not well formed: %(detail)s."), params={"detail": detail}
    )


def xml_forbidden_declaration() -> ApplicationError:
    return ApplicationError(
        "training_xml_forbidden_declaration",
        _("The XML declares a document type or entities: refused, since they can read files or expand without end."),
    )


def xml_not_a_quiz(*, root: str) -> ApplicationError:
    return ApplicationError(
        "training_xml_not_quiz",
        _("The XML's root element is “%(root)s”; a Moodle XML file starts with <quiz>."),
        params={"root": root},
    )


def xml_unsupported_type(*, kind: str) -> ApplicationError:
    return ApplicationError(
        "training_xml_unsupported_type",
        _(
            "Questions of type “%(kind)s” are not imported: only multichoice, truefalse, matching, shortanswer, "
            "numerical and category."
        ),
        params={"kind": kind},
    )


def xml_missing_element(*, name: str) -> ApplicationError:
    return ApplicationError(
        "training_xml_missing_element", _("The element <%(name)s> is missing."), params={"name": name}
    )


# --- what a question's answers must hold (GIFT, XML and the authoring form alike) ------------------------------


def question_unsupported_kind(*, kind: str) -> ApplicationError:
    return ApplicationError(
        "training_question_unsupported_kind",
        _("“%(kind)s” questions are not supported (essays and descriptions are not marked automatically)."),
        params={"kind": kind},
        field="kind",
    )


def question_text_empty() -> ApplicationError:
    return ApplicationError("training_question_text_empty", _("The question has no text."), field="text")


def question_too_few_choices(*, minimum: int) -> ApplicationError:
    return ApplicationError(
        "training_question_too_few_choices",
        _("The question needs at least %(minimum)s answers."),
        params={"minimum": minimum},
        field="data",
    )


def question_no_full_answer() -> ApplicationError:
    return ApplicationError(
        "training_question_no_full_answer",
        _("One answer must give full credit."),
        field="data",
    )


def question_multiple_not_full() -> ApplicationError:
    return ApplicationError(
        "training_question_multiple_not_full",
        _("The positive weights of a several-answer question must add up to full credit (100 percent)."),
        field="data",
    )


def question_weight_out_of_range() -> ApplicationError:
    return ApplicationError(
        "training_question_weight_out_of_range",
        _("A weight must lie between -100 and 100 percent."),
        field="data",
    )


def question_data_malformed() -> ApplicationError:
    return ApplicationError(
        "training_question_data_malformed",
        _("The answers of the question are not in the shape its kind needs."),
        field="data",
    )


# --- banks, lessons, images -------------------------------------------------------------------------------------


def bank_not_found(*, name: str) -> ApplicationError:
    return ApplicationError(
        "training_bank_not_found", _("There is no question bank “%(name)s”."), params={"name": name}, field="bank"
    )


def image_invalid() -> ApplicationError:
    return ApplicationError(
        "training_image_invalid", _("The file is not a PNG, JPEG, GIF or WebP image."), field="image", status=415
    )


def image_too_large(*, limit_mb: int) -> ApplicationError:
    return ApplicationError(
        "training_image_too_large",
        _("The image is larger than %(limit)s MB."),
        params={"limit": limit_mb},
        field="image",
        status=413,
    )


def image_too_many_pixels(*, limit_mp: int) -> ApplicationError:
    return ApplicationError(
        "training_image_too_many_pixels",
        _("The image is larger than %(limit)s megapixels."),
        params={"limit": limit_mp},
        field="image",
        status=413,
    )


# --- exams ------------------------------------------------------------------------------------------------------


def blueprint_not_found() -> ApplicationError:
    return ApplicationError("training_blueprint_not_found", _("There is no such exam."))


def blueprint_inactive() -> ApplicationError:
    return ApplicationError("training_blueprint_inactive", _("This exam is closed."), status=409)


def blueprint_empty() -> ApplicationError:
    return ApplicationError("training_blueprint_empty", _("This exam draws no question: add a bank to it."), status=409)


def bank_too_small(*, bank: str, have: int, need: int) -> ApplicationError:
    return ApplicationError(
        "training_bank_too_small",
        _("The bank “%(bank)s” has %(have)s active questions; the exam draws %(need)s."),
        params={"bank": bank, "have": have, "need": need},
        status=409,
    )


def attempts_exhausted(*, limit: int) -> ApplicationError:
    return ApplicationError(
        "training_attempts_exhausted",
        _("You have used the %(limit)s attempts this exam allows."),
        params={"limit": limit},
        status=409,
    )


def attempt_not_found() -> ApplicationError:
    return ApplicationError("training_attempt_not_found", _("There is no such exam attempt."))


def attempt_time_over() -> ApplicationError:
    return ApplicationError(
        "training_attempt_time_over",
        _("The time of this exam is over: answers are no longer accepted and the attempt is closed."),
        status=409,
    )


def answer_invalid(*, position: int) -> ApplicationError:
    return ApplicationError(
        "training_answer_invalid",
        _("The answer to question %(position)s is not in the shape the question needs."),
        params={"position": position},
        field=f"answers.{position}",
        status=422,
    )


# --- imports: every problem, by line ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LineIssue:
    """One problem of an imported file, at the line (1-based) where a person finds it."""

    line: int
    error: ApplicationError

    @property
    def code(self) -> str:
        return self.error.code

    def render(self) -> str:
        return self.error.render()

    def text(self) -> str:
        """``line N: vi / en``, for command output."""
        return f"{self.line}: {self.error.bilingual()}"


class TrainingImportRejected(ApplicationError):
    """Nothing was imported; ``issues`` holds every problem found, in file order."""

    def __init__(self, issues: Sequence[LineIssue]) -> None:
        self.issues = sorted(issues, key=lambda issue: issue.line)
        super().__init__(
            "training_import_rejected",
            _("The import was rejected with %(count)s error(s); nothing was written."),
            params={"count": len(self.issues)},
            field="file",
            status=422,
        )

    def lines(self) -> list[str]:
        return [issue.text() for issue in self.issues]


def import_rejected(issues: Sequence[LineIssue]) -> TrainingImportRejected:
    return TrainingImportRejected(issues)
