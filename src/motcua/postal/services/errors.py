"""Errors of the postal services: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

Label = str | Promise


def window_incomplete() -> ApplicationError:
    return ApplicationError(
        "postal_window_incomplete", _("Give both the start and the end of the pickup window."), field="window_start"
    )


def window_reversed() -> ApplicationError:
    return ApplicationError(
        "postal_window_reversed", _("The pickup window must end after it starts."), field="window_end"
    )


def window_in_past() -> ApplicationError:
    return ApplicationError("postal_window_in_past", _("The pickup window is in the past."), field="window_start")


def commune_unknown(*, code: str) -> ApplicationError:
    return ApplicationError(
        "postal_commune_unknown", _("There is no commune with code %(code)s."), params={"code": code}, field="commune"
    )


def field_required(*, field: Label) -> ApplicationError:
    return ApplicationError("postal_field_required", _("“%(field)s” is required."), params={"field": field})


def point_inactive(*, point: str) -> ApplicationError:
    return ApplicationError(
        "postal_point_inactive", _("The post office %(point)s is not active."), params={"point": point}
    )


def lead_agency_needed(*, point: str) -> ApplicationError:
    return ApplicationError(
        "postal_lead_agency_needed",
        _("The post office %(point)s serves several agencies: name the one that will decide."),
        params={"point": point},
    )


def not_a_postman(*, point: str) -> ApplicationError:
    return ApplicationError(
        "postal_not_a_postman",
        _("This person is not a postman of the post office %(point)s."),
        params={"point": point},
    )


def not_permitted() -> ApplicationError:
    return ApplicationError("postal_not_permitted", _("You may not manage the orders of this post office."))


def not_the_postman() -> ApplicationError:
    return ApplicationError("postal_not_the_postman", _("This order is assigned to another postman."))


def wrong_status(*, number: str, status: Label) -> ApplicationError:
    return ApplicationError(
        "postal_order_wrong_status",
        _("The order %(number)s cannot do this while it is “%(status)s”."),
        params={"number": number, "status": status},
    )


def wrong_kind(*, number: str) -> ApplicationError:
    return ApplicationError(
        "postal_order_wrong_kind", _("The order %(number)s is not of this kind."), params={"number": number}
    )


def missing_component(*, name: str) -> ApplicationError:
    return ApplicationError(
        "postal_missing_component",
        _("The mandatory paper “%(name)s” was not collected."),
        params={"name": name},
        field="papers",
    )


def fees_out_of_range(*, due: int) -> ApplicationError:
    return ApplicationError(
        "postal_fees_out_of_range",
        _("The fees paid must be between 0 and the %(due)s VND due."),
        params={"due": due},
        field="fees_paid",
    )


def postage_mismatch(*, due: int) -> ApplicationError:
    return ApplicationError(
        "postal_postage_mismatch",
        _("The postage paid must be the %(due)s VND due."),
        params={"due": due},
        field="postage_paid",
    )


def not_by_post(*, code: str) -> ApplicationError:
    return ApplicationError(
        "postal_result_not_by_post",
        _("The result of dossier %(code)s is not to be returned by post."),
        params={"code": code},
    )


def unknown_event(*, kind: str) -> ApplicationError:
    return ApplicationError("postal_unknown_event", _("“%(kind)s” is not a delivery event."), params={"kind": kind})


def recipient_required() -> ApplicationError:
    return ApplicationError(
        "postal_recipient_required",
        _("A delivered result needs the name of who received it."),
        field="recipient_name",
    )


def no_one_answerable(*, number: str) -> ApplicationError:
    return ApplicationError(
        "postal_no_postman",
        _("The order %(number)s has no postman: assign one before its result is delivered or returned."),
        params={"number": number},
    )


def delivery_without_dossier(*, number: str) -> ApplicationError:
    return ApplicationError(
        "postal_delivery_without_dossier",
        _("The delivery %(number)s carries no dossier's result: it cannot be delivered or returned."),
        params={"number": number},
    )


def signature_missing(*, signer: Label) -> ApplicationError:
    return ApplicationError(
        "postal_signature_missing",
        _("Signature missing: the %(signer)s must sign the list of papers on the screen."),
        params={"signer": signer},
    )


def signature_invalid(*, signer: Label) -> ApplicationError:
    return ApplicationError(
        "postal_signature_invalid",
        _("Unreadable signature: the %(signer)s must sign again on the screen."),
        params={"signer": signer},
    )


def seal_number_invalid(*, value: str) -> ApplicationError:
    return ApplicationError(
        "postal_seal_number_invalid",
        _("“%(value)s” is not a seal number: 3 to 40 letters, digits or dashes."),
        params={"value": value},
        field="seal_number",
    )


def seal_mismatch(*, number: str) -> ApplicationError:
    return ApplicationError(
        "postal_seal_mismatch",
        _(
            "The seal number read on the envelope is not the one the postman recorded for %(number)s: "
            "do not receive it; write a record of the discrepancy."
        ),
        params={"number": number},
        field="seal_number",
    )


def papers_not_checked() -> ApplicationError:
    return ApplicationError(
        "postal_papers_not_checked",
        _("Check the papers against the signed list before receiving them."),
        field="papers_checked",
    )


def signatures_broken(*, number: str) -> ApplicationError:
    return ApplicationError(
        "postal_signatures_broken",
        _("The list of papers of %(number)s no longer matches what was signed: it cannot be received."),
        params={"number": number},
    )


def slip_not_ready(*, number: str) -> ApplicationError:
    return ApplicationError(
        "postal_slip_not_ready",
        _("The order %(number)s has no receipt to bring back: the dossier is not received yet, or it was given."),
        params={"number": number},
    )
