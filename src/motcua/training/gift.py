"""Moodle's GIFT format, read and written (https://docs.moodle.org/en/GIFT_format).

Reading follows Moodle's own importer: questions are separated by blank lines; lines starting with ``//`` are
comments; ``$CATEGORY: path`` puts the questions after it in that category; ``::name::`` names a question and
``[html]``, ``[markdown]``, ``[plain]`` or ``[moodle]`` gives its text's format; the answer block ``{…}`` decides
the kind as Moodle does (empty: essay, refused; ``#…``: numeric; any ``~``: multiple choice, one answer when some
answer starts with ``=``, else several; no ``=``: true/false; ``->``: matching; else short answer). Answers start
with ``=`` (right) or ``~`` (wrong), may carry a weight ``%50%`` and a feedback ``#…``; ``####…`` is the general
feedback; a numeric answer is ``value``, ``value:tolerance`` or ``min..max``. ``\\~ \\= \\# \\{ \\} \\: \\\\`` escape
those characters and ``\\n`` is a new line. Text after the block makes a missing-word question (``_____`` in place
of the block).

``parse`` returns the questions or raises ``TrainingImportRejected`` with every problem and its line; ``write``
writes questions Moodle and ``parse`` read back with the same meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motcua.core.errors import ApplicationError

from . import errors
from .models import QuestionKind, TextFormat
from .questions import QuestionDraft, check

# Escaped characters become private-use code points while the structure is read, then come back as themselves.
_ESCAPES = {
    "\\\\": "\ue000",
    "\\~": "\ue001",
    "\\=": "\ue002",
    "\\#": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\:": "\ue006",
    "\\n": "\ue007",
}
_RESTORE = {
    "\ue000": "\\",
    "\ue001": "~",
    "\ue002": "=",
    "\ue003": "#",
    "\ue004": "{",
    "\ue005": "}",
    "\ue006": ":",
    "\ue007": "\n",
}
_ESCAPE_RE = re.compile(r"\\[\\~=#{}:n]")
_FORMATS = {
    "html": TextFormat.HTML,
    "markdown": TextFormat.MARKDOWN,
    "plain": TextFormat.PLAIN,
    "moodle": TextFormat.MOODLE,
}
_WEIGHT_RE = re.compile(r"^\s*%([^%]*)%")
_CATEGORY_PREFIX_RE = re.compile(r"^\$\w+\$/(top/?)?")
_TRUE = {"t": True, "true": True, "f": False, "false": False}


def _protect(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(ch, ch) for ch in text).strip()


@dataclass
class _Block:
    """A paragraph of the file, comment lines dropped, with the file line of each of its lines."""

    text: str
    lines: list[int]

    def line_at(self, offset: int) -> int:
        return self.lines[min(self.text.count("\n", 0, max(offset, 0)), len(self.lines) - 1)]


def _blocks(source: str) -> Iterable[_Block]:
    kept: list[tuple[int, str]] = []
    for number, line in enumerate(source.split("\n"), start=1):
        if not line.strip():
            if kept:
                yield _Block("\n".join(text for _, text in kept), [n for n, _ in kept])
                kept = []
        elif not line.lstrip().startswith("//"):
            kept.append((number, line))
    if kept:
        yield _Block("\n".join(text for _, text in kept), [n for n, _ in kept])


def category_name(path: str) -> str:
    """A Moodle category path without its context prefix: ``$course$/top/Tiếp nhận`` → ``Tiếp nhận``."""
    return _CATEGORY_PREFIX_RE.sub("", path.strip()).strip()


def parse(source: str) -> list[QuestionDraft]:
    """Every question of a GIFT text, each with its category and line; or every problem, by line."""
    source = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    questions: list[QuestionDraft] = []
    issues: list[errors.LineIssue] = []
    category = ""
    for block in _blocks(_protect(source)):
        text = block.text
        if text.lstrip().startswith("$CATEGORY:"):
            first, _, rest = text.lstrip().partition("\n")
            category = category_name(_restore(first[len("$CATEGORY:") :]))
            if not category:
                issues.append(errors.LineIssue(block.lines[0], errors.gift_bad_category()))
            if not rest.strip():
                continue
            block = _Block(rest, block.lines[1:])
        found, problems = _question(block, category)
        issues.extend(problems)
        if found is not None:
            questions.append(found)
    if issues:
        raise errors.import_rejected(issues)
    if not questions:
        raise errors.import_rejected([errors.LineIssue(1, errors.file_has_no_questions())])
    return questions


def _question(block: _Block, category: str) -> tuple[QuestionDraft | None, list[errors.LineIssue]]:
    text, start = block.text, block.line_at(0)

    def at(offset: int, error: ApplicationError) -> list[errors.LineIssue]:
        return [errors.LineIssue(block.line_at(offset), error)]

    name, body_at = "", 0
    stripped = text.lstrip()
    if stripped.startswith("::"):
        opened = len(text) - len(stripped)
        closed = text.find("::", opened + 2)
        if closed > 0:
            name, body_at = _restore(text[opened + 2 : closed]), closed + 2
    text_format = TextFormat.MOODLE
    match = re.match(r"\s*\[(html|markdown|plain|moodle)\]", text[body_at:])
    if match:
        text_format, body_at = _FORMATS[match.group(1)], body_at + match.end()
    opening = text.find("{", body_at)
    closing = text.find("}", opening + 1 if opening >= 0 else body_at)
    if opening < 0:
        return None, at(
            closing if closing >= 0 else 0,
            errors.gift_unopened_brace() if closing >= 0 else errors.gift_no_answer_block(),
        )
    if closing < 0:
        return None, at(opening, errors.gift_unclosed_brace())
    after = text[closing + 1 :]
    if "{" in after or "}" in after:
        return None, at(
            closing + 1 + min(i for i in (after.find("{"), after.find("}")) if i >= 0), errors.gift_two_blocks()
        )
    before = _restore(text[body_at:opening])
    question_text = f"{before} _____ {_restore(after)}" if _restore(after) else before
    inner = text[opening + 1 : closing]
    general = ""
    if "####" in inner:
        inner, _, general_text = inner.partition("####")
        general = _restore(general_text)
    draft = QuestionDraft(
        kind="",
        text=question_text,
        name=name or _default_name(question_text),
        text_format=text_format,
        feedback=general,
        category=category,
        line=start,
    )
    problems = _answers(draft, inner, opening + 1, at)
    if not problems:
        problems = [issue for error in check(draft.kind, draft.text, draft.data) for issue in at(opening, error)]
    return (None, problems) if problems else (draft, [])


def _default_name(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())[:40]


def _answers(draft: QuestionDraft, inner: str, offset: int, at) -> list[errors.LineIssue]:
    body = inner.strip()
    lead = offset + len(inner) - len(inner.lstrip())
    if not body:
        return at(offset, errors.gift_essay())
    if body.startswith("#"):
        draft.kind = QuestionKind.NUMERIC
        return _numeric(draft, inner[inner.index("#") + 1 :], offset + inner.index("#") + 1, at)
    if "~" in body:
        draft.kind = QuestionKind.SINGLE if "=" in body else QuestionKind.MULTIPLE
    elif "=" not in body:
        draft.kind = QuestionKind.TRUE_FALSE
        word, *comments = body.split("#")
        if word.strip().lower() not in _TRUE:
            return at(lead, errors.answer_without_marker(value=_restore(body)))
        draft.data = {
            "answer": _TRUE[word.strip().lower()],
            "feedback_wrong": _restore(comments[0]) if comments else "",
            "feedback_right": _restore(comments[1]) if len(comments) > 1 else "",
        }
        return []
    elif "->" in body:
        draft.kind = QuestionKind.MATCHING
    else:
        draft.kind = QuestionKind.SHORT_ANSWER
    problems: list[errors.LineIssue] = []
    items: list[dict] = []
    for marker, raw, where in _split(inner, offset, at, problems):
        if draft.kind == QuestionKind.MATCHING:
            left, arrow, right = raw.partition("->")
            if not arrow:
                problems += at(where, errors.bad_matching_pair(value=_restore(raw)))
                continue
            items.append({"left": _restore(left), "right": _restore(right.split("#")[0])})
            continue
        fraction, raw, bad = _weight(marker, raw)
        if bad is not None:
            problems += at(where, bad)
            continue
        answer_text, _, feedback = raw.partition("#")
        items.append({"text": _restore(answer_text), "fraction": fraction, "feedback": _restore(feedback)})
    key = {QuestionKind.MATCHING: "pairs", QuestionKind.SHORT_ANSWER: "answers"}.get(draft.kind, "choices")
    draft.data = {key: items}
    return problems


def _split(inner: str, offset: int, at, problems: list[errors.LineIssue]) -> list[tuple[str, str, int]]:
    """The answers of a block: (marker, text after it, offset of the marker)."""
    parts: list[tuple[str, str, int]] = []
    markers = [m.start() for m in re.finditer(r"[=~]", inner)]
    head = inner[: markers[0]] if markers else inner
    if head.strip():
        problems += at(offset + len(head) - len(head.lstrip()), errors.answer_without_marker(value=_restore(head)))
    for index, position in enumerate(markers):
        end = markers[index + 1] if index + 1 < len(markers) else len(inner)
        parts.append((inner[position], inner[position + 1 : end], offset + position))
    return parts


def _weight(marker: str, raw: str) -> tuple[float, str, ApplicationError | None]:
    fraction = 1.0 if marker == "=" else 0.0
    match = _WEIGHT_RE.match(raw)
    if not match:
        return fraction, raw, None
    try:
        percent = float(match.group(1).strip())
    except ValueError:
        return fraction, raw, errors.bad_weight(value=_restore(match.group(1)))
    if not -100 <= percent <= 100:
        return fraction, raw, errors.bad_weight(value=_restore(match.group(1)))
    return percent / 100, raw[match.end() :], None


def _number(text: str) -> float:
    value = float(_restore(text))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError
    return value


def _numeric(draft: QuestionDraft, inner: str, offset: int, at) -> list[errors.LineIssue]:
    problems: list[errors.LineIssue] = []
    parts = _split(inner, offset, at, problems) if re.search(r"[=~]", inner) else [("=", inner, offset)]
    answers = []
    for marker, raw, where in parts:
        fraction, raw, bad = _weight(marker, raw)
        if bad is not None:
            problems += at(where, bad)
            continue
        spec, _, feedback = raw.partition("#")
        spec = _restore(spec)
        try:
            if ".." in spec:
                low, high = (_number(x) for x in spec.split("..", 1))
                value, tolerance = (low + high) / 2, abs(high - low) / 2
            else:
                value_text, _, tolerance_text = spec.partition(":")
                value, tolerance = _number(value_text), abs(_number(tolerance_text)) if tolerance_text else 0.0
        except ValueError:
            problems += at(where, errors.bad_number(value=spec))
            continue
        answers.append({"value": value, "tolerance": tolerance, "fraction": fraction, "feedback": _restore(feedback)})
    draft.data = {"answers": answers}
    return problems


# --- writing ----------------------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """``text`` safe inside GIFT: the special characters escaped, new lines as ``\\n``."""
    for char in "\\~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _percent(fraction: float) -> str:
    return f"{round(float(fraction) * 100, 5):g}"


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def _weighted(marker: str, fraction: float, default: float) -> str:
    return marker if abs(float(fraction) - default) < 1e-9 else f"{marker}%{_percent(fraction)}%"


def _number_text(value: float) -> str:
    return f"{float(value):.15g}"


def _block(question: QuestionDraft) -> list[str]:
    data, kind = question.data, question.kind
    if kind == QuestionKind.TRUE_FALSE:
        parts = [
            "TRUE" if data["answer"] else "FALSE",
            escape(data.get("feedback_wrong", "")),
            escape(data.get("feedback_right", "")),
        ]
        while parts[-1] == "" and len(parts) > 1:
            parts.pop()
        return ["#".join(parts)]
    lines: list[str] = []
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        full_written = False
        for choice in data["choices"]:
            if kind == QuestionKind.SINGLE and not full_written and abs(float(choice["fraction"]) - 1) < 1e-9:
                marker, full_written = "=", True
            else:
                marker = _weighted("~", choice["fraction"], 0.0)
            lines.append(f"{marker}{escape(choice['text'])}{_feedback(choice.get('feedback', ''))}")
    elif kind == QuestionKind.MATCHING:
        lines = [f"={escape(p['left'])} -> {escape(p['right'])}" for p in data["pairs"]]
    elif kind == QuestionKind.SHORT_ANSWER:
        lines = [
            f"{_weighted('=', a['fraction'], 1.0)}{escape(a['text'])}{_feedback(a.get('feedback', ''))}"
            for a in data["answers"]
        ]
    else:
        lines = [
            f"{_weighted('=', a['fraction'], 1.0)}{_number_text(a['value'])}:{_number_text(a['tolerance'])}"
            f"{_feedback(a.get('feedback', ''))}"
            for a in data["answers"]
        ]
    return lines


def write_question(question: QuestionDraft) -> str:
    head = f"::{escape(question.name)}::" if question.name else ""
    text_format = "" if question.text_format == TextFormat.MOODLE else f"[{question.text_format}]"
    answers = _block(question)
    if question.feedback:
        answers.append(f"####{escape(question.feedback)}")
    if question.kind == QuestionKind.TRUE_FALSE and len(answers) == 1:
        return f"{head}{text_format}{escape(question.text)}{{{answers[0]}}}"
    body = "\n".join(f"\t{line}" for line in answers)
    numeric = "#" if question.kind == QuestionKind.NUMERIC else ""
    return f"{head}{text_format}{escape(question.text)}{{{numeric}\n{body}\n}}"


def write(questions: Sequence[QuestionDraft]) -> str:
    """GIFT for ``questions``, a ``$CATEGORY`` line wherever the category changes."""
    out: list[str] = []
    category: str | None = None
    for question in questions:
        if question.category != category:
            category = question.category
            if category:
                out.append(f"$CATEGORY: $course$/top/{category}\n")
        out.append(write_question(question) + "\n")
    return "\n".join(out)
