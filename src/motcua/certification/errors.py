"""Errors of certification and the gate: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def certification_required(*, stage: Any, field: str) -> ApplicationError:
    """``stage`` renders the stage's name in the active language (``catalogue.GatedStage.label``)."""
    return ApplicationError(
        "certification_required",
        _("No valid certificate for «%(stage)s» in the field «%(field)s»."),
        params={"stage": stage, "field": field},
        status=403,
    )


def stage_unknown(*, code: str) -> ApplicationError:
    return ApplicationError(
        "certification_stage_unknown",
        _("“%(code)s” is not a stage postal staff are certified for."),
        params={"code": code},
        field="stage",
    )


def field_unknown(*, code: str) -> ApplicationError:
    return ApplicationError(
        "certification_field_unknown",
        _("No field of procedures has the code or name “%(code)s”."),
        params={"code": code},
        field="field",
    )


def user_unknown(*, username: str) -> ApplicationError:
    return ApplicationError(
        "certification_user_unknown",
        _("No user is called “%(username)s”."),
        params={"username": username},
        field="user",
    )


def date_invalid(*, value: str) -> ApplicationError:
    return ApplicationError(
        "certification_date_invalid",
        _("“%(value)s” is not a date written dd/mm/yyyy."),
        params={"value": value},
        field="until",
    )


def until_in_past(*, until: str) -> ApplicationError:
    return ApplicationError(
        "certification_until_past",
        _("A certification cannot end on %(until)s, before today."),
        params={"until": until},
        status=422,
        field="until",
    )


def reason_required() -> ApplicationError:
    return ApplicationError("certification_reason_required", _("A reason is required."), field="reason")


def nothing_to_revoke(*, username: str, stage: str, field: str) -> ApplicationError:
    return ApplicationError(
        "certification_nothing_to_revoke",
        _("%(username)s holds no certification for %(stage)s in the field %(field)s that is not already revoked."),
        params={"username": username, "stage": stage, "field": field},
        status=409,
    )


def not_permitted() -> ApplicationError:
    return ApplicationError(
        "certification_not_permitted",
        _("Only a supervisor of the holder's receiving point or an administrator may do this."),
        status=403,
    )


def waiver_span_invalid() -> ApplicationError:
    return ApplicationError(
        "certification_waiver_span_invalid",
        _("A waiver ends on or after the day it starts, and not before today."),
        status=422,
        field="ends",
    )


def waiver_too_long(*, days: int) -> ApplicationError:
    return ApplicationError(
        "certification_waiver_too_long",
        _("A waiver is temporary: at most %(days)s days."),
        params={"days": days},
        status=422,
        field="ends",
    )
