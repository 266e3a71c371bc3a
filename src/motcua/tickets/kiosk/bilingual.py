"""Messages in both languages at once: a kiosk or a pad is used by whoever walks up, so its refusals read in
Vietnamese and in English together, the page's language first."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation

from motcua.core.errors import ApplicationError

LANGUAGES = ("vi", "en")


def page_language(request: Any) -> str:
    """The kiosk's language for this visitor: English only when asked in the address or the form, so the next
    visitor finds Vietnamese again (nothing is kept in a cookie on a shared screen)."""
    asked = request.POST.get("lang") or request.GET.get("lang")
    return "en" if asked == "en" else "vi"


def _ordered(texts: dict[str, str], first: str) -> list[str]:
    lines = [texts[first]] + [texts[code] for code in LANGUAGES if code != first]
    return list(dict.fromkeys(lines))


def error_lines(error: ApplicationError, *, first: str) -> list[str]:
    return _ordered(error.messages(), first)


def form_lines(form: forms.Form, *, first: str) -> list[list[str]]:
    """Each of the form's errors, in both languages."""
    problems = []
    for errors in form.errors.as_data().values():
        for error in errors:
            texts = {}
            for code in LANGUAGES:
                with translation.override(code):
                    texts[code] = " ".join(str(message) for message in error)
            problems.append(_ordered(texts, first))
    return problems
