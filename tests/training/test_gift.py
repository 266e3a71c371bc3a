"""GIFT: a file written by Moodle imports, exports and re-imports with the same meaning; a bad file imports
nothing and lists every error by line."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.training import gift
from motcua.training.errors import TrainingImportRejected
from motcua.training.exchange import draft_of, questions_export, questions_import_file
from motcua.training.models import Question, QuestionBank, QuestionKind, TextFormat

DATA = Path(__file__).parent / "data"
MOODLE_GIFT = (DATA / "moodle_export.gift").read_text(encoding="utf-8")


def test_moodle_file_reads_every_kind_with_categories_weights_feedback_and_escapes():
    questions = gift.parse(MOODLE_GIFT)
    by_name = {q.name: q for q in questions}
    assert {q.kind for q in questions} == set(QuestionKind.values)
    single = by_name["Giấy tờ bắt buộc khi khai sinh"]
    assert single.category == "Default for Tiếp nhận hồ sơ"
    assert single.text_format == TextFormat.HTML
    assert [c["fraction"] for c in single.data["choices"]] == [1.0, 0.0, -0.5]
    assert single.data["choices"][0]["feedback"] == "<p>Đúng: giấy chứng sinh là bắt buộc.</p>"
    assert single.feedback == "<p>Luật Hộ tịch 2014, điều 16.</p>"
    assert by_name["Giấy tờ trả kết quả"].kind == QuestionKind.MULTIPLE
    true_false = by_name["Quy tắc 15 giờ"].data
    assert true_false == {
        "answer": True,
        "feedback_wrong": "<p>Sai: đọc lại quy tắc 15 giờ.</p>",
        "feedback_right": "<p>Đúng.</p>",
    }
    assert by_name["Thủ tục không qua bưu chính"].data["answer"] is False
    assert by_name["Ghép giai đoạn"].data["pairs"][-1] == {"left": "", "right": "Thu phí"}
    assert [a["fraction"] for a in by_name["Mẫu phiếu tiếp nhận"].data["answers"]] == [1.0, 1.0, 0.5]
    fee = by_name["Lệ phí khai sinh"].data["answers"]
    assert [(a["value"], a["tolerance"], a["fraction"]) for a in fee] == [(8.0, 0.0, 1.0), (8.0, 2.0, 0.5)]
    assert (
        by_name["Khoảng"].data["answers"][0]["value"] == 3.0
        and by_name["Khoảng"].data["answers"][0]["tolerance"] == 2.0
    )
    assert by_name["Khoảng"].text == "Một số **từ 1 đến 5**\nDòng thứ hai."
    special = by_name["Dấu : đặc biệt"]
    assert special.category == "Default for Tiếp nhận hồ sơ/Ký tự đặc biệt"
    assert special.text == 'Ký hiệu nào dùng cho "bằng" trong công thức 1 + 1 = 2 {ngoặc}?'
    assert special.data["choices"][0] == {"text": "Dấu =", "fraction": 1.0, "feedback": "Đúng # đó là dấu bằng."}
    assert by_name["Điền từ"].text == "Hồ sơ phải có _____ khi đăng ký lần đầu."
    assert by_name["Thời hạn"].line == 50


def test_gift_written_back_reads_with_the_same_meaning():
    first = gift.parse(MOODLE_GIFT)
    second = gift.parse(gift.write(first))
    assert [q.meaning() for q in second] == [q.meaning() for q in first]


@pytest.mark.django_db
def test_import_then_export_from_the_database_round_trips(tmp_path):
    result = questions_import_file(name="moodle.gift", data=MOODLE_GIFT.encode())
    assert result.questions == 11
    assert result.banks == ["Default for Tiếp nhận hồ sơ", "Default for Tiếp nhận hồ sơ/Ký tự đặc biệt"]
    exported = questions_export(banks=QuestionBank.objects.all(), file_format="gift").decode()
    again = gift.parse(exported)
    stored = [draft_of(q) for q in Question.objects.select_related("bank").order_by("bank__name", "id")]
    assert [q.meaning() for q in again] == [q.meaning() for q in stored]
    assert sorted(q.meaning() for q in again) == sorted(q.meaning() for q in gift.parse(MOODLE_GIFT))


BROKEN = """// three mistakes, on lines 4, 7 and 10
::Đúng::Câu đúng {=a ~b}

::Trọng số::Câu {=a ~%abc%b}

::Ngoặc::Câu không đóng
{=a ~b

::Số::Câu số {#mười:1}

::Tốt::Câu tốt cuối {T}
"""


@pytest.mark.django_db
def test_three_errors_are_reported_by_line_and_nothing_is_imported():
    with pytest.raises(TrainingImportRejected) as caught:
        questions_import_file(name="broken.gift", data=BROKEN.encode())
    assert [issue.line for issue in caught.value.issues] == [4, 7, 9]
    assert [issue.code for issue in caught.value.issues] == [
        "training_bad_weight",
        "training_gift_unclosed_brace",
        "training_bad_number",
    ]
    assert Question.objects.count() == 0 and QuestionBank.objects.count() == 0


@pytest.mark.django_db
def test_command_imports_into_one_bank_and_exports(tmp_path):
    source = tmp_path / "bank.gift"
    source.write_text(MOODLE_GIFT, encoding="utf-8")
    call_command("training_import", str(source), "--bank", "Tiếp nhận")
    assert QuestionBank.objects.get().questions.count() == 11
    target = tmp_path / "out.xml"
    call_command("training_export", "--format", "xml", str(target), "--bank", "Tiếp nhận")
    assert target.read_bytes().count(b"<question type=") == 12  # a category and eleven questions


@pytest.mark.django_db
def test_command_prints_every_error_and_fails(tmp_path, capsys):
    source = tmp_path / "broken.gift"
    source.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("training_import", str(source))
    err = capsys.readouterr().err
    assert [line.split(":")[0] for line in err.strip().splitlines()] == ["4", "7", "9"]
    assert Question.objects.count() == 0


def test_essays_and_descriptions_are_refused_by_line():
    with pytest.raises(TrainingImportRejected) as caught:
        gift.parse("::E::Viết một đoạn văn {}\n\n::D::Chỉ là mô tả\n")
    assert [(i.line, i.code) for i in caught.value.issues] == [
        (1, "training_gift_essay"),
        (3, "training_gift_no_answer_block"),
    ]


def test_single_choice_without_a_full_answer_is_refused():
    with pytest.raises(TrainingImportRejected) as caught:
        gift.parse("::S::Câu {~%50%a ~b =%50%c}")
    assert caught.value.issues[0].code == "training_question_no_full_answer"
