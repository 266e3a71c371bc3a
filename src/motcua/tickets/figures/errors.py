"""Errors of the queue's figures: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def period_reversed() -> ApplicationError:
    return ApplicationError(
        "queue_figures_period_reversed",
        _("The end of the period cannot be before its start."),
        field="den",
    )


def period_too_long(*, days: int) -> ApplicationError:
    return ApplicationError(
        "queue_figures_period_too_long",
        _("The figures cover at most %(days)s days: choose a shorter period."),
        params={"days": days},
        field="den",
    )


def point_not_found(*, code: str) -> ApplicationError:
    """A point that does not exist and a point out of the user's scope answer alike: nothing is revealed."""
    return ApplicationError(
        "queue_figures_point_not_found",
        _("No centre “%(code)s” among the centres whose figures you may see."),
        params={"code": code},
        field="diem",
    )


def no_points() -> ApplicationError:
    return ApplicationError(
        "queue_figures_no_points",
        _("You work at no centre whose queue figures you may see."),
        status=403,
    )
