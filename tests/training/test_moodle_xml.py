"""Moodle XML: every kind reads and writes back with the same meaning; errors by line; no entity is expanded."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from motcua.training import gift, moodle_xml
from motcua.training.errors import TrainingImportRejected
from motcua.training.exchange import questions_import_file
from motcua.training.models import Question, QuestionKind

DATA = Path(__file__).parent / "data"


def test_xml_written_from_the_moodle_gift_reads_back_the_same():
    questions = gift.parse((DATA / "moodle_export.gift").read_text(encoding="utf-8"))
    again = moodle_xml.parse(moodle_xml.write(questions))
    assert [q.meaning() for q in again] == [q.meaning() for q in questions]


def test_moodle_written_xml_reads_every_kind():
    questions = moodle_xml.parse((DATA / "moodle_export.xml").read_bytes())
    assert {q.kind for q in questions} == set(QuestionKind.values)
    by_name = {q.name: q for q in questions}
    assert by_name["Quy tắc 15 giờ"].data == {"answer": True, "feedback_right": "Đúng.", "feedback_wrong": "Sai."}
    assert by_name["Lệ phí"].data["answers"][0]["tolerance"] == 0.5
    assert by_name["Lệ phí"].default_mark == Decimal(2)
    assert all(q.category == "Tiếp nhận" for q in questions)
    assert [q.meaning() for q in moodle_xml.parse(moodle_xml.write(questions))] == [q.meaning() for q in questions]


BROKEN = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="essay">
    <name><text>E</text></name><questiontext format="html"><text>Essay</text></questiontext>
  </question>
  <question type="multichoice">
    <name><text>M</text></name><questiontext format="html"><text>Q</text></questiontext>
    <single>true</single>
    <answer fraction="abc"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer>
  </question>
  <question type="truefalse">
    <questiontext format="html"><text>no name</text></questiontext>
  </question>
</quiz>
"""


@pytest.mark.django_db
def test_three_xml_errors_by_line_and_nothing_imported():
    with pytest.raises(TrainingImportRejected) as caught:
        questions_import_file(name="broken.xml", data=BROKEN)
    assert [(i.line, i.code) for i in caught.value.issues] == [
        (3, "training_xml_unsupported_type"),
        (9, "training_bad_weight"),
        (12, "training_xml_missing_element"),
    ]
    assert Question.objects.count() == 0


def test_malformed_xml_names_its_line():
    with pytest.raises(TrainingImportRejected) as caught:
        moodle_xml.parse(b"<quiz>\n<question type='truefalse'>\n</quiz>")
    assert caught.value.issues[0].line == 3
    assert caught.value.issues[0].code == "training_xml_malformed"


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<quiz>&x;</quiz>',
        b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<quiz>&b;</quiz>',
        b'<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "http://example.org/quiz.dtd">\n<quiz/>',
    ],
)
def test_external_and_internal_entities_and_doctypes_are_refused(document):
    with pytest.raises(TrainingImportRejected) as caught:
        moodle_xml.parse(document)
    assert caught.value.issues[0].code == "training_xml_forbidden_declaration"
    assert "root:" not in caught.value.render("en")
