"""The one domain error type every service raises, and every interface renders the same way."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import Promise


class ApplicationError(Exception):
    """A rule of the domain was broken.

    ``code`` is stable (APIs and tests match on it); ``message`` is a lazily translated string so the
    same error can be shown in Vietnamese and English: :meth:`messages` renders both. ``field`` names the
    input the error concerns, when it concerns one.
    """

    def __init__(
        self, code: str, message: str | Promise, *, params: dict[str, Any] | None = None, field: str = ""
    ) -> None:
        self.code = code
        self.message = message
        self.params = params or {}
        self.field = field  # the input it concerns, when one (a form puts the message beside it)
        super().__init__(f"{code}: {self.render('en')}")

    def render(self, language: str) -> str:
        with translation.override(language):
            return str(self.message) % self.params if self.params else str(self.message)

    def messages(self) -> dict[str, str]:
        """The message in Vietnamese and in English."""
        return {"vi": self.render("vi"), "en": self.render("en")}

    def bilingual(self) -> str:
        """One line, Vietnamese first, English after, for logs, command output and plain pages."""
        vi, en = self.render("vi"), self.render("en")
        return vi if vi == en else f"{vi} / {en}"
