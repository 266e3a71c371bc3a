"""The errors of the service-quality indicators, each defined once (docs/indicators.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def _shown(text: str) -> str:
    """What the person typed, cut short and without control characters, to quote it back."""
    return "".join(ch for ch in text[:60] if ch.isprintable())


def indicator_scope_invalid(*, text: str) -> ApplicationError:
    return ApplicationError(
        "indicator_scope_invalid",
        _(
            "“%(text)s” is not a scope. Write point:CODE, agency:CODE, commune:CODE, province:CODE or country, "
            "e.g. province:42."
        ),
        params={"text": _shown(text)},
        field="scope",
    )


SCOPE_KINDS = {"point": _("receiving point"), "agency": _("agency"), "commune": _("commune"), "province": _("province")}


def indicator_scope_not_found(*, kind: str, code: str) -> ApplicationError:
    return ApplicationError(
        "indicator_scope_not_found",
        _("No %(kind)s has the code “%(code)s”."),
        params={"kind": SCOPE_KINDS.get(kind, kind), "code": _shown(code)},
        field="scope",
    )


def indicator_period_invalid(*, text: str) -> ApplicationError:
    return ApplicationError(
        "indicator_period_invalid",
        _(
            "“%(text)s” is not a period. Write a month 2026-05, a quarter 2026-Q2, six months 2026-H1 or 2026-H2, "
            "nine months 2026-9M, or a year 2026."
        ),
        params={"text": _shown(text)},
        field="period",
    )


def indicator_ranking_scope_invalid() -> ApplicationError:
    return ApplicationError(
        "indicator_ranking_scope_invalid",
        _("Rank provinces within the country, and agencies or communes within a province (--scope province:CODE)."),
        field="scope",
    )


def indicator_set_published() -> ApplicationError:
    return ApplicationError(
        "indicator_set_published",
        _("A published indicator set cannot be changed: publish a new version instead."),
        status=409,
    )


def indicator_set_not_found(*, name: str) -> ApplicationError:
    return ApplicationError(
        "indicator_set_not_found", _("No published indicator set is named “%(name)s”."), params={"name": _shown(name)}
    )


def indicator_filter_unknown(*, code: str, name: str) -> ApplicationError:
    return ApplicationError(
        "indicator_filter_unknown",
        _("The indicator “%(code)s” counts “%(name)s”, which is not a fact filter of the registry."),
        params={"code": _shown(code), "name": _shown(name)},
    )


def indicator_anchors_differ(*, code: str) -> ApplicationError:
    return ApplicationError(
        "indicator_anchors_differ",
        _("The numerator and the denominator of the indicator “%(code)s” do not count the same dossiers of a period."),
        params={"code": _shown(code)},
    )


def indicator_setting_invalid(*, name: str, value: str) -> ApplicationError:
    return ApplicationError(
        "indicator_setting_invalid",
        _("The setting %(name)s has a value that cannot be read: “%(value)s”."),
        params={"name": name, "value": _shown(value)},
    )


def export_format_unknown(*, path: str) -> ApplicationError:
    return ApplicationError(
        "export_format_unknown",
        _("Name the file .parquet or .csv (got “%(path)s”)."),
        params={"path": _shown(path)},
        field="file",
    )
