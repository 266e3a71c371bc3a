"""The errors of the attribution pages (docs/indicators.md, "Attribution"), each defined once."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

from ..errors import _shown


def attribution_indicator_unknown(*, code: str) -> ApplicationError:
    return ApplicationError(
        "attribution_indicator_unknown",
        _("“%(code)s” is not an indicator of the published set. Choose one from the list, e.g. 766.on_time."),
        params={"code": _shown(code)},
        field="chi-so",
        status=400,
    )


def attribution_not_by_dossier(*, code: str, counted: str | Promise) -> ApplicationError:
    """``counted``: what the indicator counts instead, its source's label (lazy: the message is rendered in each
    language)."""
    return ApplicationError(
        "attribution_not_by_dossier",
        _("The indicator “%(code)s” counts %(counted)s, not dossiers: it has no dossiers to list."),
        params={"code": _shown(code), "counted": counted},
        field="chi-so",
        status=400,
    )
