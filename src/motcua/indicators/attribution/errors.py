"""The errors of the attribution pages (docs/indicators.md, "Attribution"), each defined once."""

from __future__ import annotations

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


def attribution_not_by_dossier(*, code: str) -> ApplicationError:
    return ApplicationError(
        "attribution_not_by_dossier",
        _("The indicator “%(code)s” counts the queue's tickets, not dossiers: it has no dossiers to list."),
        params={"code": _shown(code)},
        field="chi-so",
        status=400,
    )
