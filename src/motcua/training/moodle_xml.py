"""Moodle XML question files, read and written (https://docs.moodle.org/en/Moodle_XML_format).

Types read and written: ``category``, ``multichoice`` (``<single>`` true: one answer; false: several),
``truefalse``, ``matching``, ``shortanswer``, ``numerical``. Other types are refused by line.

The file is read with expat directly, so that every element keeps its line; a document type declaration, any
entity declaration and external entities are refused before anything is expanded (no file or URL is read, no
"billion laughs"), and the caller bounds the size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.parsers import expat
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from . import errors
from .gift import category_name
from .models import QuestionKind, TextFormat
from .questions import QuestionDraft, check

_FORMAT_IN = {
    "html": TextFormat.HTML,
    "moodle_auto_format": TextFormat.MOODLE,
    "plain_text": TextFormat.PLAIN,
    "markdown": TextFormat.MARKDOWN,
}
_FORMAT_OUT: dict[str, str] = {value: key for key, value in _FORMAT_IN.items()}
_SUPPORTED = {"multichoice", "truefalse", "matching", "shortanswer", "numerical", "category"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def child(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]

    def value(self, tag: str, default: str = "") -> str:
        """The text of ``<tag>``, or of its ``<text>`` child (Moodle wraps most texts in one)."""
        found = self.child(tag)
        if found is None:
            return default
        inner = found.child("text")
        return (inner.text if inner is not None else found.text).strip()


class _Refused(Exception):
    pass


def _tree(data: bytes) -> Element:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root = Element("", {}, 0)
    stack = [root]

    def refuse(*_args: Any) -> int:
        raise _Refused

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = Element(tag, attrs, parser.CurrentLineNumber)
        stack[-1].children.append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        stack[-1].text += text

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except _Refused:
        raise errors.import_rejected(
            [errors.LineIssue(parser.CurrentLineNumber, errors.xml_forbidden_declaration())]
        ) from None
    except expat.ExpatError as error:
        detail = expat.ErrorString(error.code)
        raise errors.import_rejected([errors.LineIssue(error.lineno, errors.xml_malformed(detail=detail))]) from None
    if len(root.children) != 1:
        raise errors.import_rejected([errors.LineIssue(1, errors.xml_malformed(detail="no root element"))])
    return root.children[0]


def parse(data: bytes) -> list[QuestionDraft]:
    """Every question of a Moodle XML file with its category and line; or every problem, by line."""
    quiz = _tree(data)
    if quiz.tag != "quiz":
        raise errors.import_rejected([errors.LineIssue(quiz.line, errors.xml_not_a_quiz(root=quiz.tag))])
    questions: list[QuestionDraft] = []
    issues: list[errors.LineIssue] = []
    category = ""
    for element in quiz.all("question"):
        kind = element.attrs.get("type", "")
        if kind not in _SUPPORTED:
            issues.append(errors.LineIssue(element.line, errors.xml_unsupported_type(kind=kind)))
            continue
        if kind == "category":
            category = category_name(element.value("category"))
            continue
        draft, problems = _question(element, kind, category)
        issues.extend(problems)
        if draft is not None:
            questions.append(draft)
    if issues:
        raise errors.import_rejected(issues)
    if not questions:
        raise errors.import_rejected([errors.LineIssue(quiz.line, errors.file_has_no_questions())])
    return questions


def _fraction(answer: Element, issues: list[errors.LineIssue]) -> float:
    raw = answer.attrs.get("fraction", "0")
    try:
        percent = float(Decimal(raw))
    except (InvalidOperation, ValueError):
        issues.append(errors.LineIssue(answer.line, errors.bad_weight(value=raw)))
        return 0.0
    if not -100 <= percent <= 100:
        issues.append(errors.LineIssue(answer.line, errors.bad_weight(value=raw)))
    return percent / 100


def _number(text: str, line: int, issues: list[errors.LineIssue]) -> float:
    try:
        value = float(Decimal(text.strip() or "0"))
    except (InvalidOperation, ValueError):
        issues.append(errors.LineIssue(line, errors.bad_number(value=text)))
        return 0.0
    return value


def _question(element: Element, kind: str, category: str) -> tuple[QuestionDraft | None, list[errors.LineIssue]]:
    issues: list[errors.LineIssue] = []
    for required in ("name", "questiontext"):
        if element.child(required) is None:
            issues.append(errors.LineIssue(element.line, errors.xml_missing_element(name=required)))
    if issues:
        return None, issues
    text_element = element.child("questiontext")
    assert text_element is not None
    mark_text = element.value("defaultgrade", "1")
    draft = QuestionDraft(
        kind="",
        name=element.value("name"),
        text=element.value("questiontext"),
        text_format=_FORMAT_IN.get(text_element.attrs.get("format", "html"), TextFormat.HTML),
        feedback=element.value("generalfeedback"),
        default_mark=Decimal(str(_number(mark_text, element.line, issues) or 1)).quantize(Decimal("0.01")),
        category=category,
        line=element.line,
    )
    answers = element.all("answer")
    if kind == "multichoice":
        single = element.value("single", "true").lower() in ("true", "1")
        draft.kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
        draft.data = {
            "choices": [
                {
                    "text": a.value("text") if a.child("text") else a.text.strip(),
                    "fraction": _fraction(a, issues),
                    "feedback": a.value("feedback"),
                }
                for a in answers
            ]
        }
    elif kind == "truefalse":
        draft.kind = QuestionKind.TRUE_FALSE
        by_word = {a.value("text").lower(): a for a in answers}
        if set(by_word) != {"true", "false"}:
            issues.append(errors.LineIssue(element.line, errors.xml_missing_element(name="answer")))
            return None, issues
        right_is_true = _fraction(by_word["true"], issues) > 0.5
        right, wrong = (by_word["true"], by_word["false"]) if right_is_true else (by_word["false"], by_word["true"])
        draft.data = {
            "answer": right_is_true,
            "feedback_right": right.value("feedback"),
            "feedback_wrong": wrong.value("feedback"),
        }
    elif kind == "matching":
        draft.kind = QuestionKind.MATCHING
        draft.data = {
            "pairs": [
                {"left": s.value("text"), "right": (s.child("answer") or s).value("text")}
                for s in element.all("subquestion")
            ]
        }
    elif kind == "shortanswer":
        draft.kind = QuestionKind.SHORT_ANSWER
        draft.data = {
            "answers": [
                {"text": a.value("text"), "fraction": _fraction(a, issues), "feedback": a.value("feedback")}
                for a in answers
            ]
        }
    else:
        draft.kind = QuestionKind.NUMERIC
        draft.data = {
            "answers": [
                {
                    "value": _number(a.value("text"), a.line, issues),
                    "tolerance": abs(_number(a.value("tolerance", "0"), a.line, issues)),
                    "fraction": _fraction(a, issues),
                    "feedback": a.value("feedback"),
                }
                for a in answers
            ]
        }
    if issues:
        return None, issues
    problems = [errors.LineIssue(element.line, error) for error in check(draft.kind, draft.text, draft.data)]
    return (None, problems) if problems else (draft, [])


# --- writing ----------------------------------------------------------------------------------------------------


def _text(tag: str, value: str, *, text_format: str | None = None, indent: str = "    ") -> str:
    attr = f" format={quoteattr(text_format)}" if text_format else ""
    return f"{indent}<{tag}{attr}><text>{xml_escape(value)}</text></{tag}>"


def _percent(fraction: float) -> str:
    return f"{round(float(fraction) * 100, 5):g}"


def _answer(text: str, fraction: float, feedback: str, extra: str = "") -> str:
    return (
        f'    <answer fraction="{_percent(fraction)}" format="html"><text>{xml_escape(text)}</text>'
        f'<feedback format="html"><text>{xml_escape(feedback)}</text></feedback>{extra}</answer>'
    )


def _number_text(value: float) -> str:
    return f"{float(value):.15g}"


def _body(question: QuestionDraft) -> list[str]:
    data, kind = question.data, question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        single = "true" if kind == QuestionKind.SINGLE else "false"
        return [
            f"    <single>{single}</single>",
            "    <shuffleanswers>true</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
        ] + [_answer(c["text"], c["fraction"], c.get("feedback", "")) for c in data["choices"]]
    if kind == QuestionKind.TRUE_FALSE:
        true_right = bool(data["answer"])
        right, wrong = data.get("feedback_right", ""), data.get("feedback_wrong", "")
        return [
            _answer("true", 1 if true_right else 0, right if true_right else wrong),
            _answer("false", 0 if true_right else 1, wrong if true_right else right),
        ]
    if kind == QuestionKind.MATCHING:
        return ["    <shuffleanswers>true</shuffleanswers>"] + [
            f'    <subquestion format="html"><text>{xml_escape(p["left"])}</text>'
            f"<answer><text>{xml_escape(p['right'])}</text></answer></subquestion>"
            for p in data["pairs"]
        ]
    if kind == QuestionKind.SHORT_ANSWER:
        return ["    <usecase>0</usecase>"] + [
            _answer(a["text"], a["fraction"], a.get("feedback", "")) for a in data["answers"]
        ]
    return [
        _answer(
            _number_text(a["value"]),
            a["fraction"],
            a.get("feedback", ""),
            f"<tolerance>{_number_text(a['tolerance'])}</tolerance>",
        )
        for a in data["answers"]
    ]


_TYPES: dict[str, str] = {
    QuestionKind.SINGLE: "multichoice",
    QuestionKind.MULTIPLE: "multichoice",
    QuestionKind.TRUE_FALSE: "truefalse",
    QuestionKind.MATCHING: "matching",
    QuestionKind.SHORT_ANSWER: "shortanswer",
    QuestionKind.NUMERIC: "numerical",
}


def write(questions: Sequence[QuestionDraft]) -> bytes:
    """Moodle XML for ``questions``, a category question wherever the category changes."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    category: str | None = None
    for question in questions:
        if question.category != category:
            category = question.category
            if category:
                out += ['  <question type="category">', _text("category", f"$course$/top/{category}"), "  </question>"]
        out += [
            f'  <question type="{_TYPES[question.kind]}">',
            _text("name", question.name),
            _text("questiontext", question.text, text_format=_FORMAT_OUT[question.text_format]),
            _text("generalfeedback", question.feedback, text_format="html"),
            f"    <defaultgrade>{Decimal(question.default_mark):f}</defaultgrade>",
            *_body(question),
            "  </question>",
        ]
    out.append("</quiz>\n")
    return "\n".join(out).encode()
