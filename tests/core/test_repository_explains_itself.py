"""Issue 10, item 12: the repository explains itself.

Rules cite ``docs/domain.md`` and their legal source, never a file outside the repository; a file named in a
comment, docstring or page exists; a function nothing calls is gone; the home page promises each role only
what the software does."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

from django.utils import translation

from motcua.agencies.models import Role
from motcua.agencies.roles import ROLE_CAPABILITIES

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "motcua"
READ = ("src", "docs", "tests", "bench")
TEXT_SUFFIXES = {".py", ".md", ".html", ".txt", ".toml", ".cfg", ".sh", ".js", ".css", ".json", ".yml", ".yaml"}

# Files of the project's authors that were never in the repository (written split, so this file is clean).
OUTSIDE = ("DOMAIN" + ".md", "ARCHITECTURE" + ".md", "STYLE" + ".md", "NATIONAL-PORTAL" + ".md", "/work/" + "shared")


def _files(*tops: str):
    for top in tops:
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts:
                yield path


def test_nothing_cites_a_file_outside_the_repository():
    citing = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _files(*READ)
        for name in OUTSIDE
        if name in path.read_text("utf-8", errors="replace")
    ]
    assert citing == []


def test_every_test_file_named_in_the_code_or_the_docs_exists():
    """A comment or docstring pointing at ``tests/…/test_x.py`` (or a bare ``test_x.py``) points at a file that
    is there: the lifecycle module once named a table test that did not exist."""
    named: dict[str, set[str]] = {}
    for path in _files("src", "docs", "bench"):
        text = path.read_text("utf-8", errors="replace")
        for mention in re.findall(r"\btests/[\w/.-]+?\.py\b", text):
            named.setdefault(mention, set()).add(str(path.relative_to(ROOT)))
        for bare in re.findall(r"(?<![\w/])(test_\w+\.py)\b", text):
            named.setdefault(bare, set()).add(str(path.relative_to(ROOT)))
    tests = {path.name for path in (ROOT / "tests").rglob("test_*.py")}
    missing = {
        mention: sorted(where)
        for mention, where in named.items()
        if not ((ROOT / mention).is_file() if "/" in mention else mention in tests)
    }
    assert named, "the walk found no mention at all: the pattern is wrong"
    assert missing == {}


# Functions kept although nothing in src/ calls them, each with the reason.
CALLED_FROM_OUTSIDE_SRC = {
    "need_to_know_cells": "the access-matrix test reads the need-to-know table through it",
    "erlang_c": "the textbook probability of waiting, checked against published cases by the queueing tests",
}


def test_no_function_is_left_that_nothing_calls():
    """Every module-level function of src/ is named somewhere in src/ besides its definition, an ``__all__``
    and an import (a view is named by its URL, a task by its caller, a template tag by its template)."""
    texts = {path: path.read_text("utf-8") for path in SRC.rglob("*") if path.suffix in {".py", ".html", ".txt"}}
    uses = "\n".join(texts.values())
    uses = re.sub(r"__all__ = \[.*?\]", "", uses, flags=re.S)
    uses = re.sub(r"^\s*from [\w.]+ import \((?:.|\n)*?\)|^\s*from [\w.]+ import .*$", "", uses, flags=re.M)
    counts = Counter(re.findall(r"\w+", uses))
    unused = []
    for path, text in texts.items():
        if path.suffix != ".py" or "migrations" in path.parts:
            continue
        for node in ast.parse(text).body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.name.startswith("__"):
                continue
            decorated = [ast.unparse(d) for d in node.decorator_list if ast.unparse(d) != "transaction.atomic"]
            if not decorated and counts[node.name] <= 1 and node.name not in CALLED_FROM_OUTSIDE_SRC:
                unused.append(f"{path.relative_to(SRC)}: {node.name}")
    assert unused == []


def test_planner_and_trainer_are_promised_only_what_exists():
    """The planner's pages (tests/planner/test_pages.py) and the trainer's (tests/training) exist: their texts
    name what those pages do and no longer say that they do not."""
    with translation.override("en"):
        planner = " ".join(str(text) for text in ROLE_CAPABILITIES[Role.PLANNER])
        assert "tools yet" not in planner and "Excel" in planner and "PDF" in planner
        trainer = " ".join(str(text) for text in ROLE_CAPABILITIES[Role.TRAINER])
        assert "tools yet" not in trainer and "GIFT" in trainer and "exams" in trainer
