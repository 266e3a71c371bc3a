"""The rating offer of the public lookup: once a dossier is returned, the lookup (which has just checked the
receipt's code and secret, or a delivery's tracking number and phone digits) offers a signed rating link."""

from __future__ import annotations

from typing import Any

from django import template

from motcua.dossiers.lifecycle import Status

from ..links import rating_path

register = template.Library()


@register.simple_tag
def rating_link(answer: Any) -> str:
    """The rating page of the dossier ``answer`` shows (a ``LookupAnswer``), or ``""`` until it is returned."""
    if answer is None or getattr(answer, "status", "") != Status.RETURNED:
        return ""
    return rating_path(code=answer.code) + "?tu=tra-cuu"
