"""Errors of the administrative map: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def merger_incomplete() -> ApplicationError:
    return ApplicationError(
        "localities_merger_incomplete",
        _("The province merger table does not cover the old provinces or names unknown new ones."),
    )


def commune_outside_successor_province(*, commune: str, province: str, legacy: str) -> ApplicationError:
    return ApplicationError(
        "localities_commune_outside_successor_province",
        _("%(commune)s is not in %(province)s, the province that took over %(legacy)s."),
        params={"commune": commune, "province": province, "legacy": legacy},
    )


def legacy_commune_not_found(*, code: str) -> ApplicationError:
    return ApplicationError(
        "localities_legacy_commune_not_found",
        _("No commune of the old map has the code %(code)s."),
        params={"code": code},
    )


def commune_not_found(*, code: str) -> ApplicationError:
    return ApplicationError(
        "localities_commune_not_found", _("No commune of today's map has the code %(code)s."), params={"code": code}
    )
