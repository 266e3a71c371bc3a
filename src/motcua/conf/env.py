"""Environment variables, read through one helper that also documents them.

Every setting that an operator may change is read with :func:`config`, which records its name,
default and help text in :data:`REGISTRY`. ``manage.py config_docs`` renders that registry to
``docs/configuration.md``, and a test fails when the committed file is stale, so the reference is
generated from code and never hand-kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


@dataclass(frozen=True)
class Variable:
    name: str
    default: Any
    help: str
    group: str
    required_in_production: bool
    shown_default: str | None = None


REGISTRY: dict[str, Variable] = {}


def _to_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"Expected a boolean, got {value!r}")


def _to_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


CASTS: dict[type, Callable[[str], Any]] = {bool: _to_bool, list: _to_list, int: int, float: float, str: str}


def config(
    name: str,
    *,
    default: Any = _MISSING,
    help: str,
    group: str = "General",
    cast: type = str,
    required_in_production: bool = False,
    shown_default: str | None = None,
) -> Any:
    """Read ``name`` from the environment, cast it, and record it for the docs.

    A variable with no default and no value raises ``ImproperlyConfigured`` so a deployment cannot
    start with a silently missing secret. ``shown_default`` is how the docs write a default that
    depends on where the project is checked out, so the reference is the same on every machine.
    """
    REGISTRY[name] = Variable(
        name=name,
        default=None if default is _MISSING else default,
        help=help,
        group=group,
        required_in_production=required_in_production,
        shown_default=shown_default,
    )
    raw = os.environ.get(name)
    if raw is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required: {help}")
        return default
    return CASTS[cast](raw)


def render_markdown() -> str:
    """The configuration reference, grouped, as Markdown."""
    lines = [
        "# Configuration reference",
        "",
        "Generated from `src/motcua/conf/` by `manage.py config_docs`; do not edit by hand.",
        "Every variable is read from the environment of the web and worker processes.",
        "",
    ]
    groups: dict[str, list[Variable]] = {}
    for variable in REGISTRY.values():
        groups.setdefault(variable.group, []).append(variable)
    for group, variables in groups.items():
        lines += [f"## {group}", "", "| variable | default | meaning |", "|---|---|---|"]
        for v in sorted(variables, key=lambda v: v.name):
            if v.required_in_production:
                default = "*(required in production)*"
            elif v.shown_default is not None:
                default = f"`{v.shown_default}`"
            else:
                default = _show(v.default)
            lines.append(f"| `{v.name}` | {default} | {v.help} |")
        lines.append("")
    return "\n".join(lines)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "*(unset)*"
    if isinstance(value, list):
        return "`" + ",".join(value) + "`"
    return f"`{value}`"
