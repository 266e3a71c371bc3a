"""The errors of online submission and assisted filing, each defined once (docs/submissions.md)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


def submission_not_found() -> ApplicationError:
    return ApplicationError("submission_not_found", _("No online submission of yours has this reference."))


def procedure_not_online(*, code: str) -> ApplicationError:
    return ApplicationError(
        "submission_procedure_not_online",
        _("Procedure %(code)s cannot be filed online: file it at a counter or by post."),
        params={"code": code[:40]},
    )


def not_editable(*, status: str) -> ApplicationError:
    return ApplicationError(
        "submission_not_editable",
        _("This submission is %(status)s: it can no longer be changed."),
        params={"status": status},
        status=409,
    )


def point_not_offered() -> ApplicationError:
    return ApplicationError(
        "submission_point_not_offered",
        _("Choose one of the receiving points listed."),
        field="receiving_point",
    )


def point_missing() -> ApplicationError:
    return ApplicationError(
        "submission_point_missing", _("Choose the receiving point first (step 1)."), field="receiving_point"
    )


def form_incomplete(*, field: str, message: str) -> ApplicationError:
    return ApplicationError(
        "submission_form_incomplete",
        _("The applicant's data is not complete (step 2): %(message)s"),
        params={"message": message},
        field=field,
    )


def paper_missing(*, name: str) -> ApplicationError:
    return ApplicationError(
        "submission_paper_missing",
        _("A mandatory paper is missing (step 3): %(name)s."),
        params={"name": name[:200]},
    )


def too_many_papers(*, limit: int) -> ApplicationError:
    return ApplicationError(
        "submission_too_many_papers", _("A submission holds at most %(limit)s papers."), params={"limit": limit}
    )


def paper_not_found() -> ApplicationError:
    return ApplicationError("submission_paper_not_found", _("This submission has no such paper."))


def document_not_found() -> ApplicationError:
    return ApplicationError(
        "submission_document_not_found",
        _("No document of your data store has this reference."),
        field="document",
    )


def document_expired(*, valid_until: str) -> ApplicationError:
    return ApplicationError(
        "submission_document_expired",
        _("This document expired on %(valid_until)s: upload a valid one instead."),
        params={"valid_until": valid_until},
        field="document",
    )


def return_method_missing() -> ApplicationError:
    return ApplicationError(
        "submission_return_method_missing",
        _("Choose how the result is returned (step 4)."),
        field="return_method",
    )


def return_method_not_offered() -> ApplicationError:
    return ApplicationError(
        "submission_return_method_not_offered",
        _("This procedure's result cannot be returned that way."),
        field="return_method",
    )


def return_address_missing() -> ApplicationError:
    return ApplicationError(
        "submission_return_address_missing",
        _("A result returned by post needs a delivery address and its commune."),
        field="return_address",
    )


def fees_not_chosen(*, message: str) -> ApplicationError:
    return ApplicationError(
        "submission_fees_not_chosen",
        _("Choose the fee that applies (step 4): %(message)s"),
        params={"message": message},
    )


def not_waiting(*, status: str) -> ApplicationError:
    return ApplicationError(
        "submission_not_waiting",
        _("This submission is no longer waiting: it is %(status)s (another clerk may just have decided on it)."),
        params={"status": status},
        status=409,
    )


def not_permitted() -> ApplicationError:
    return ApplicationError(
        "submission_not_permitted", _("You do not receive dossiers at this submission's receiving point."), status=403
    )


def lead_agency_not_served() -> ApplicationError:
    return ApplicationError(
        "submission_lead_agency_not_served",
        _("Choose the lead agency among those the receiving point serves."),
        field="lead_agency",
    )


def supplement_items_missing() -> ApplicationError:
    return ApplicationError(
        "submission_supplement_items_missing", _("Name at least one thing to complete."), field="items"
    )


def refusal_reasons_missing() -> ApplicationError:
    return ApplicationError("submission_refusal_reasons_missing", _("Give the reasons for refusing."), field="reasons")


# --- assisted filing -------------------------------------------------------------------------------------------


def consent_no_account() -> ApplicationError:
    return ApplicationError(
        "consent_no_account",
        _(
            "This person has no citizen account yet. Help them sign in with their own electronic identity first "
            "(a clerk never creates an account for them), then start again."
        ),
        field="id_number",
        status=404,
    )


def consent_no_contact() -> ApplicationError:
    return ApplicationError(
        "consent_no_contact",
        _(
            "The citizen's account has neither a phone number nor an e-mail address to send the code to: they must "
            "add one to their account first."
        ),
        field="id_number",
        status=409,
    )


def consent_code_wrong(*, left: int) -> ApplicationError:
    return ApplicationError(
        "consent_code_wrong",
        _("The code is not the one sent. %(left)s attempts left."),
        params={"left": left},
        field="code",
        status=403,
    )


def consent_code_expired() -> ApplicationError:
    return ApplicationError(
        "consent_code_expired", _("The code has expired: send a new one."), field="code", status=403
    )


def consent_locked() -> ApplicationError:
    return ApplicationError(
        "consent_locked",
        _("Too many wrong codes: this request is locked. Send a new code if the citizen still consents."),
        field="code",
        status=403,
    )


def consent_not_valid() -> ApplicationError:
    return ApplicationError(
        "consent_not_valid",
        _("The citizen's consent for this filing is missing or has lapsed: ask for a new code."),
        status=403,
    )


# --- dossiers filed on the national portal (docs/submissions.md, "Filed on the national portal") ----------------


def national_procedure_unknown(*, code: str) -> ApplicationError:
    return ApplicationError(
        "submission_national_procedure_unknown",
        _("Procedure “%(code)s” of the national filing is not in the catalogue with a published version."),
        params={"code": code[:60]},
        status=422,
    )


def national_point_unknown(*, unit: str) -> ApplicationError:
    return ApplicationError(
        "submission_national_point_unknown",
        _(
            "No receiving point takes this national filing: its unit “%(unit)s” is not a receiving point and "
            "NATIONAL_FILINGS_DEFAULT_POINT names none. It waits until one is set."
        ),
        params={"unit": unit[:60]},
        status=422,
    )


def national_applicant_incomplete(*, what: str | Promise) -> ApplicationError:
    return ApplicationError(
        "submission_national_applicant_incomplete",
        _("The national record lacks the applicant's %(what)s: ask the applicant for a supplement."),
        params={"what": what},
        field="applicant",
    )
