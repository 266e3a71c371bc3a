"""The one domain error type every service raises, and every interface renders the same way; below it, the errors
of the core app itself (the input guard's refusals)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the domain was broken.

    Each code is defined once, in its app's ``errors`` module, with everything it means:

    * ``code`` is stable (APIs and tests match on it);
    * ``message`` is a lazily translated string, so the same error reads in Vietnamese and English
      (:meth:`render` uses the active language unless told; :meth:`messages` renders both);
    * ``status`` is the HTTP status an API answers it with: by default 404 for a code ending in
      ``_not_found`` and 400 for any other, so only the others (403, 409, 412, 422…) are written;
    * ``field`` names the input it concerns, when it concerns one, as a dotted path of the request
      (``applicant.id_number``): the API points at it, a form puts the message beside the field of that name
      (dots read as underscores, ``applicant_id_number``). The same rule met in another context says so with
      :meth:`at` (an ID number is the applicant's at reception, the collector's at the return).
    """

    def __init__(
        self,
        code: str,
        message: str | Promise,
        *,
        params: dict[str, Any] | None = None,
        field: str = "",
        status: int | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.params = params or {}
        self.field = field
        self.status = status if status is not None else default_status(code)
        super().__init__(f"{code}: {self.render('en')}")

    def at(self, field: str) -> ApplicationError:
        """The same error, about the input ``field`` (a dotted path of the request)."""
        self.field = field
        return self

    def render(self, language: str | None = None) -> str:
        """The message in ``language``; by default in the active one (Vietnamese when none is active)."""
        with translation.override(language or translation.get_language() or "vi"):
            return str(self.message) % self.params if self.params else str(self.message)

    def messages(self) -> dict[str, str]:
        """The message in Vietnamese and in English."""
        return {"vi": self.render("vi"), "en": self.render("en")}

    def bilingual(self) -> str:
        """One line, Vietnamese first, English after, for logs, command output and plain pages."""
        vi, en = self.render("vi"), self.render("en")
        return vi if vi == en else f"{vi} / {en}"


def default_status(code: str) -> int:
    """The HTTP status of an error whose definition gives none: 404 for what is not found, else 400."""
    return 404 if code.endswith("_not_found") else 400


# --- input no rule of the domain can accept (input_guard.py) -------------------------------------------------------


def input_forbidden_character(*, where: str) -> ApplicationError:
    return ApplicationError(
        "input_forbidden_character",
        _("The request has a character that is not allowed (NUL or a lone surrogate) in %(where)s."),
        params={"where": where},
        field=where,
    )


def input_number_too_large(*, where: str) -> ApplicationError:
    return ApplicationError(
        "input_number_too_large",
        _("The number at %(where)s is too large to be stored."),
        params={"where": where or "body"},
        field=where,
    )


def input_too_deep(*, depth: int) -> ApplicationError:
    return ApplicationError(
        "input_too_deep", _("The JSON body is nested more than %(depth)s levels deep."), params={"depth": depth}
    )
