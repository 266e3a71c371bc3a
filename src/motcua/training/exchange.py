"""Question banks in and out: GIFT and Moodle XML files, imported whole or not at all (docs/training.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.db import transaction

from motcua.procedures.models import Field

from . import errors, gift, moodle_xml
from .models import Question, QuestionBank
from .questions import QuestionDraft

MAX_FILE_BYTES = 10 * 1024 * 1024
GIFT_SUFFIXES = (".gift", ".txt")
XML_SUFFIXES = (".xml",)


@dataclass(frozen=True)
class ImportResult:
    questions: int
    banks: list[str]


def file_format(name: str) -> str:
    """``gift`` or ``xml`` by the file's extension."""
    suffix = PurePath(name).suffix.lower()
    if suffix in GIFT_SUFFIXES:
        return "gift"
    if suffix in XML_SUFFIXES:
        return "xml"
    raise errors.file_format_unknown(name=name)


def questions_read(*, name: str, data: bytes) -> list[QuestionDraft]:
    """The questions of a GIFT or Moodle XML file, or ``TrainingImportRejected`` with every problem by line."""
    kind = file_format(name)
    if len(data) > MAX_FILE_BYTES:
        raise errors.file_too_large(limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    if kind == "xml":
        return moodle_xml.parse(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise errors.file_not_utf8() from None
    return gift.parse(text)


@transaction.atomic
def questions_import(
    *,
    drafts: Iterable[QuestionDraft],
    bank_name: str = "",
    default_bank: str = "",
    stage_code: str = "",
    field: Field | None = None,
) -> ImportResult:
    """Store ``drafts``: all in the bank ``bank_name`` when given, else each in the bank named by its category
    (``default_bank`` for those without one). Missing banks are created for ``stage_code`` and ``field``."""
    banks: dict[str, QuestionBank] = {}
    count = 0
    for draft in drafts:
        name = (bank_name or draft.category or default_bank or "Import")[:255]
        if name not in banks:
            banks[name], _created = QuestionBank.objects.get_or_create(
                name=name, defaults={"stage_code": stage_code, "field": field}
            )
        Question.objects.create(
            bank=banks[name],
            kind=draft.kind,
            name=draft.name[:255],
            text=draft.text,
            text_format=draft.text_format,
            feedback=draft.feedback,
            data=draft.data,
            default_mark=draft.default_mark,
        )
        count += 1
    return ImportResult(questions=count, banks=sorted(banks))


def questions_import_file(
    *, name: str, data: bytes, bank_name: str = "", stage_code: str = "", field: Field | None = None
) -> ImportResult:
    """Read and store a file in one go; nothing is stored when any question is refused."""
    drafts = questions_read(name=name, data=data)
    return questions_import(
        drafts=drafts, bank_name=bank_name, default_bank=PurePath(name).stem, stage_code=stage_code, field=field
    )


def draft_of(question: Question) -> QuestionDraft:
    return QuestionDraft(
        kind=question.kind,
        text=question.text,
        name=question.name,
        text_format=question.text_format,
        feedback=question.feedback,
        data=question.data,
        default_mark=question.default_mark,
        category=question.bank.name,
    )


def questions_export(*, banks: Iterable[QuestionBank], file_format: str) -> bytes:
    """The active and inactive questions of ``banks`` as GIFT (UTF-8) or Moodle XML, one category per bank."""
    questions = Question.objects.filter(bank__in=list(banks)).select_related("bank").order_by("bank__name", "id")
    drafts = [draft_of(question) for question in questions]
    if file_format == "xml":
        return moodle_xml.write(drafts)
    return gift.write(drafts).encode()
