"""Errors of the training sandbox: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def no_point() -> ApplicationError:
    return ApplicationError(
        "sandbox_no_point",
        _("Only a postal clerk or supervisor of a receiving point practises in the sandbox."),
        status=403,
    )


def cases_count_invalid(*, low: int, high: int) -> ApplicationError:
    return ApplicationError(
        "sandbox_cases_count_invalid",
        _("A session has from %(low)s to %(high)s cases."),
        params={"low": low, "high": high},
        field="cases",
    )


def no_procedure(*, field: str) -> ApplicationError:
    return ApplicationError(
        "sandbox_no_procedure",
        _("No published procedure of the field «%(field)s» has a mandatory paper to practise on."),
        params={"field": field},
        field="field",
    )


def not_supervisor() -> ApplicationError:
    return ApplicationError(
        "sandbox_not_supervisor",
        _("Only a postal supervisor of the trainee's receiving point signs off a practice session."),
        status=403,
    )


def own_session() -> ApplicationError:
    return ApplicationError(
        "sandbox_own_session", _("A supervisor does not sign off their own practice session."), status=403
    )


def session_unfinished(*, left: int) -> ApplicationError:
    return ApplicationError(
        "sandbox_session_unfinished",
        _("%(left)s case(s) of the session are not done yet."),
        params={"left": left},
        status=409,
    )


def session_not_passed(*, score: int, mark: int) -> ApplicationError:
    return ApplicationError(
        "sandbox_session_not_passed",
        _("The session scored %(score)s%%, below the pass mark of %(mark)s%%: it cannot be signed off."),
        params={"score": score, "mark": mark},
        status=409,
    )


def already_signed_off() -> ApplicationError:
    return ApplicationError("sandbox_already_signed_off", _("The session is already signed off."), status=409)
