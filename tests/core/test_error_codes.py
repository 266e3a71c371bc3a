"""Each error code is defined once, with its HTTP status, in one place (issue 10, item 10)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from django.utils import translation

from motcua.core.errors import ApplicationError

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"


def _is_errors_module(path: Path) -> bool:
    """An app's ``errors`` module (``core/errors.py`` also holds the class itself)."""
    return path.name == "errors.py"


def _constructions() -> list[tuple[Path, ast.Call]]:
    """Every call of ``ApplicationError(…)`` (or ``….ApplicationError(…)``) written in the source."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name == "ApplicationError":
                found.append((path, node))
    return found


def _definitions() -> dict[str, list[tuple[str, int]]]:
    """Every ``ApplicationError("<code>", …)`` written in the source: code → where (file, line)."""
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for path, node in _constructions():
        if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found[node.args[0].value].append((str(path.relative_to(SRC)), node.lineno))
    return found


def test_no_two_definitions_share_a_code():
    twice = {code: where for code, where in _definitions().items() if len(where) > 1}
    assert not twice, f"codes defined more than once: {twice}"


def test_errors_are_built_only_in_the_errors_modules():
    """A service, selector, view or parser raises an error its app's ``errors`` module defines; it never builds one
    (not even with a code from a variable: the code would then be written outside the module that defines it)."""
    inline = [f"{p.relative_to(SRC)}:{node.lineno}" for p, node in _constructions() if not _is_errors_module(p)]
    assert not inline, f"ApplicationError built outside an errors module: {inline}"


def test_the_errors_modules_define_their_codes():
    codes = _definitions()
    for code in ["dossier_changed", "document_too_large", "postal_seal_mismatch", "procedure_version_immutable"]:
        assert codes[code] and all(where.endswith("errors.py") for where, _ in codes[code]), code


@pytest.mark.parametrize(
    ("module", "factory", "kwargs", "status", "field"),
    [
        ("motcua.dossiers.errors", "dossier_changed", {"code": "X"}, 412, ""),
        ("motcua.dossiers.errors", "assignee_not_eligible", {"username": "u", "step": "s"}, 422, "assignee"),
        ("motcua.dossiers.errors", "invalid_id_number", {"value": "1"}, 400, "applicant.id_number"),
        ("motcua.dossiers.errors", "birth_date_in_future", {"date": "01/01/2100"}, 422, "applicant.birth_date"),
        ("motcua.documents.errors", "unsupported_type", {"name": "a"}, 415, ""),
        ("motcua.postal.services.errors", "seal_mismatch", {"number": "N"}, 400, "seal_number"),
        ("motcua.api.errors", "idempotency_key_in_use", {}, 409, ""),
        ("motcua.api.errors", "token_invalid", {}, 401, ""),
    ],
)
def test_an_error_carries_its_status_and_field(module, factory, kwargs, status, field):
    import importlib

    error = getattr(importlib.import_module(module), factory)(**kwargs)
    assert (error.status, error.field) == (status, field)


def test_every_status_is_an_http_error_status():
    assert ApplicationError("x_not_found", "-").status == 404
    assert ApplicationError("x_broken", "-").status == 400


def test_an_error_renders_in_the_active_language_by_default():
    from motcua.dossiers import errors

    error = errors.reason_required()
    with translation.override("en"):
        assert error.render() == "A reason is required for this action."
    with translation.override("vi"):
        assert error.render() == error.render("vi") != error.render("en")
