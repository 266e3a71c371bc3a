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
    )


def not_permitted(*, action: Label) -> ApplicationError:
    return ApplicationError(
        "dossier_action_forbidden",
        _("You have no role that may take the action “%(action)s” on this dossier."),
        params={"action": action},
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
    )


def invalid_id_number(*, value: str) -> ApplicationError:
    return ApplicationError(
        "dossier_invalid_id_number",
        _("“%(value)s” is not a 12-digit citizen ID number nor a 10- or 13-digit tax code."),
        params={"value": value},
    )


def missing_component(*, name: str) -> ApplicationError:
    return ApplicationError(
        "dossier_missing_component",
        _("The mandatory component “%(name)s” is missing; request a supplement or refuse instead."),
        params={"name": name},
    )


def post_return_without_address() -> ApplicationError:
    return ApplicationError(
        "dossier_post_return_without_address", _("A result returned by post needs a delivery address.")
    )


def postal_return_not_offered() -> ApplicationError:
    return ApplicationError(
        "dossier_postal_return_not_offered", _("This procedure does not allow the result to be returned by post.")
    )


def reason_required() -> ApplicationError:
    return ApplicationError("dossier_reason_required", _("A reason is required for this action."))


def already_extended() -> ApplicationError:
    return ApplicationError(
        "dossier_already_extended",
        _("The appointment of this dossier has already been reset once; it cannot be again."),
    )


def extension_not_later(*, due: str) -> ApplicationError:
    return ApplicationError(
        "dossier_extension_not_later",
        _("The new appointment must be later than the current one (%(due)s)."),
        params={"due": due},
    )


def fees_exceed_charged() -> ApplicationError:
    return ApplicationError("dossier_fees_exceed_charged", _("The fees paid cannot exceed the fees charged."))


def fee_exemption_too_long() -> ApplicationError:
    return ApplicationError(
        "dossier_fee_exemption_too_long", _("The reason for the exemption is at most 255 characters.")
    )


def no_active_step() -> ApplicationError:
    return ApplicationError("dossier_no_active_step", _("This dossier has no step in progress for your agency."))


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
    )


def steps_unfinished(*, steps: str) -> ApplicationError:
    return ApplicationError(
        "dossier_steps_unfinished",
        _("The dossier cannot be approved before these steps are done: %(steps)s."),
        params={"steps": steps},
    )


def dossier_changed(*, code: str) -> ApplicationError:
    return ApplicationError(
        "dossier_changed",
        _(
            "Dossier %(code)s has changed since this page was opened (someone else acted on it). "
            "Nothing was done: check it as it is now and act again."
        ),
        params={"code": code},
    )


def result_route_not_chosen(*, method: Label) -> ApplicationError:
    return ApplicationError(
        "dossier_result_route_not_chosen",
        _("The applicant asked for the result %(method)s: send it that way."),
        params={"method": method},
    )
