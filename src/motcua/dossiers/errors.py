"""Errors of the dossier engine: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

# A label may stay lazy: the message renders it in each language.
Label = str | Promise


def action_not_allowed(*, action: Label, status: Label) -> ApplicationError:
    return ApplicationError(
        "dossier_action_not_allowed",
        _("The action “%(action)s” is not allowed while the dossier is “%(status)s”."),
        params={"action": action, "status": status},
        status=409,
    )


def not_permitted(*, action: Label) -> ApplicationError:
    return ApplicationError(
        "dossier_action_forbidden",
        _("You have no role that may take the action “%(action)s” on this dossier."),
        params={"action": action},
        status=403,
    )


def procedure_not_published() -> ApplicationError:
    return ApplicationError(
        "dossier_procedure_not_published", _("Dossiers can only be received for a published procedure version.")
    )


def agency_not_served(*, agency: str, point: str) -> ApplicationError:
    return ApplicationError(
        "dossier_agency_not_served",
        _("The receiving point %(point)s does not receive dossiers for %(agency)s."),
        params={"agency": agency, "point": point},
        field="lead_agency",
    )


def invalid_id_number(*, value: str, field: str = "applicant.id_number") -> ApplicationError:
    """``field``: whose number it is (the applicant's, ``collector.id_number``, ``contact.id_number``)."""
    return ApplicationError(
        "dossier_invalid_id_number",
        _("“%(value)s” is not a 12-digit citizen ID number nor a 10- or 13-digit tax code."),
        params={"value": value},
        field=field,
    )


def birth_date_in_future(*, date: str) -> ApplicationError:
    return ApplicationError(
        "dossier_birth_date_in_future",
        _("The date of birth %(date)s is in the future."),
        params={"date": date},
        field="applicant.birth_date",
        status=422,
    )


def birth_date_too_early(*, date: str, year: int) -> ApplicationError:
    return ApplicationError(
        "dossier_birth_date_too_early",
        _("The date of birth %(date)s is before %(year)s; check the year."),
        params={"date": date, "year": year},
        field="applicant.birth_date",
        status=422,
    )


def id_number_unknown_province(*, value: str) -> ApplicationError:
    return ApplicationError(
        "dossier_id_number_unknown_province",
        _("The ID number %(value)s does not start with a province code of birth registration (001–096)."),
        params={"value": value},
        field="applicant.id_number",
        status=422,
    )


def id_number_contradicts_birth_date(*, value: str, id_year: int, date: str) -> ApplicationError:
    return ApplicationError(
        "dossier_id_number_contradicts_birth_date",
        _(
            "The ID number %(value)s is that of a person born in %(id_year)s, but the date of birth is "
            "%(date)s: check both."
        ),
        params={"value": value, "id_year": id_year, "date": date},
        field="applicant.id_number",
        status=422,
    )


def missing_component(*, name: str) -> ApplicationError:
    return ApplicationError(
        "dossier_missing_component",
        _("The mandatory component “%(name)s” is missing; request a supplement or refuse instead."),
        params={"name": name},
    )


def collector_name_required() -> ApplicationError:
    return ApplicationError(
        "collector_name_required", _("Give the name of who takes the result."), field="collector_name"
    )


def collector_id_number_required() -> ApplicationError:
    return ApplicationError(
        "collector_id_number_required", _("Give the ID number of who takes the result."), field="collector_id_number"
    )


def collector_identity_not_checked() -> ApplicationError:
    return ApplicationError(
        "collector_identity_not_checked",
        _("Check the identity paper of who takes the result."),
        field="identity_checked",
    )


def collector_relation_required() -> ApplicationError:
    return ApplicationError(
        "collector_relation_required",
        _("This is not the applicant's ID number: give the relation of who takes the result."),
        field="collector_relation",
    )


def collector_authorization_required() -> ApplicationError:
    return ApplicationError(
        "collector_authorization_required",
        _("Someone other than the applicant takes the result only with an authorization paper: name it."),
        field="collector_authorization",
    )


def post_return_without_address() -> ApplicationError:
    return ApplicationError(
        "dossier_post_return_without_address",
        _("A result returned by post needs a delivery address."),
        field="return_address",
    )


def postal_return_not_offered() -> ApplicationError:
    return ApplicationError(
        "dossier_postal_return_not_offered",
        _("This procedure does not allow the result to be returned by post."),
        field="return_method",
    )


def reason_required() -> ApplicationError:
    return ApplicationError("dossier_reason_required", _("A reason is required for this action."), field="reason")


def already_extended() -> ApplicationError:
    return ApplicationError(
        "dossier_already_extended",
        _("The appointment of this dossier has already been reset once; it cannot be again."),
        field="new_appointment",
        status=409,
    )


def extension_not_later(*, due: str) -> ApplicationError:
    return ApplicationError(
        "dossier_extension_not_later",
        _("The new appointment must be later than the current one (%(due)s)."),
        params={"due": due},
        field="new_appointment",
    )


def fees_exceed_charged() -> ApplicationError:
    return ApplicationError(
        "dossier_fees_exceed_charged", _("The fees paid cannot exceed the fees charged."), field="fees_paid"
    )


def fee_exemption_too_long() -> ApplicationError:
    return ApplicationError(
        "dossier_fee_exemption_too_long", _("The reason for the exemption is at most 255 characters.")
    )


def no_active_step() -> ApplicationError:
    return ApplicationError(
        "dossier_no_active_step", _("This dossier has no step in progress for your agency."), status=409
    )


def step_role_required(*, step: str, role: Label) -> ApplicationError:
    return ApplicationError(
        "dossier_step_role_required",
        _("The step “%(step)s” is completed by the %(role)s; you do not hold that role."),
        params={"step": step, "role": role},
    )


def assignee_not_eligible(*, username: str, step: str) -> ApplicationError:
    return ApplicationError(
        "dossier_assignee_not_eligible",
        _("%(username)s does not hold the role of the step “%(step)s” at its agency."),
        params={"username": username, "step": step},
        field="assignee",
        status=422,
    )


def steps_unfinished(*, steps: str) -> ApplicationError:
    return ApplicationError(
        "dossier_steps_unfinished",
        _("The dossier cannot be approved before these steps are done: %(steps)s."),
        params={"steps": steps},
        status=409,
    )


def dossier_changed(*, code: str) -> ApplicationError:
    return ApplicationError(
        "dossier_changed",
        _(
            "Dossier %(code)s has changed since this page was opened (someone else acted on it). "
            "Nothing was done: check it as it is now and act again."
        ),
        params={"code": code},
        status=412,  # acted on a state the client did not see (expected_seq, If-Match): RFC 9110 §15.5.13
    )


def result_route_not_chosen(*, method: Label) -> ApplicationError:
    return ApplicationError(
        "dossier_result_route_not_chosen",
        _("The applicant asked for the result %(method)s: send it that way."),
        params={"method": method},
    )


def obligation_amount_invalid(*, amount: object) -> ApplicationError:
    return ApplicationError(
        "dossier_obligation_amount_invalid",
        _("The amount of a financial obligation is a whole number of dong, at least 1 (not “%(amount)s”)."),
        params={"amount": amount},
        field="amount",
        status=422,
    )


# --- reading: a dossier, a hand-over, a slip (selectors.py, slips) -----------------------------------------------


def dossier_not_found(*, code: str) -> ApplicationError:
    return ApplicationError("dossier_not_found", _("No dossier with the code %(code)s."), params={"code": code})


def handover_not_found(*, number: str) -> ApplicationError:
    return ApplicationError(
        "handover_not_found", _("No hand-over has the number %(number)s."), params={"number": number}
    )


def slip_not_found(*, kind: str, code: str) -> ApplicationError:
    return ApplicationError(
        "slip_not_found", _("Dossier %(code)s has no slip %(kind)s."), params={"code": code, "kind": kind}
    )


# --- hand-over and supplement (services/handover.py, services/supplement.py) -----------------------------------


def handover_empty() -> ApplicationError:
    return ApplicationError("handover_empty", _("Choose at least one dossier to hand over."), field="dossiers")


def handover_dossier_not_in_batch(*, code: str, agency: str, point: str) -> ApplicationError:
    return ApplicationError(
        "handover_dossier_not_in_batch",
        _("Dossier %(code)s was not received at %(point)s for %(agency)s, so it cannot be in this hand-over."),
        params={"code": code, "agency": agency, "point": point},
    )


def supplement_nothing_received() -> ApplicationError:
    return ApplicationError(
        "supplement_nothing_received", _("Tick at least one paper the applicant handed in for the supplement.")
    )


def slip_not_for_overseer(*, kind: str) -> ApplicationError:
    return ApplicationError(
        "slip_not_for_overseer",
        _("Slip %(kind)s prints the applicant's identity: it is for those who act on the dossier, not for overseers."),
        params={"kind": kind},
        status=403,
    )


def action_not_found(*, action: str, actions: str) -> ApplicationError:
    return ApplicationError(
        "dossier_action_not_found",
        _("There is no action “%(action)s”; the actions are: %(actions)s."),
        params={"action": action, "actions": actions},
    )
