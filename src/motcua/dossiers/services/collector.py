"""Who may take a result away: the identity check, the same at the counter and at the door.

docs/domain.md, "The postal steps of a home pickup and a delivery": a result is handed to the applicant or to a
person they authorised; the identity paper of whoever takes it is checked against them, and an authorised
person shows the authorisation paper (Decision 45/2016/QĐ-TTg; Circular 17/2017/TT-BTTTT, art. 5). The
counter's return form and the postman's delivery report both go through :func:`collector_check`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError

from .. import errors
from ..models import Dossier
from .receive import ID_NUMBER

# What a recipient says of themselves when they are the applicant (the carriers' ``recipient_relation``).
SELF = {"", "self", "bản thân", "ban than", "chính chủ", "chinh chu"}


@dataclass(frozen=True)
class Collector:
    name: str
    id_number: str
    identity_checked: bool
    relation: str = ""
    authorization: str = ""


def collector_is_applicant(*, dossier: Dossier, collector: Collector) -> bool:
    return bool(collector.id_number) and collector.id_number == dossier.applicant_id_number


def collector_check(*, dossier: Dossier, collector: Collector) -> Collector:
    """The collector, cleaned, if they may take the result of ``dossier``; else the rule's error.

    Their name and ID number (12-digit citizen ID, or a 10/13-digit tax code) are required, their identity
    paper checked; someone who is not the applicant (another ID number) names their relation to the
    applicant and the authorisation paper they showed.
    """
    cleaned = Collector(
        name=collector.name.strip(),
        id_number="".join(collector.id_number.split()),
        identity_checked=collector.identity_checked,
        relation=collector.relation.strip(),
        authorization=collector.authorization.strip(),
    )
    if not cleaned.name:
        raise ApplicationError("collector_name_required", _("Give the name of who takes the result."))
    if not cleaned.id_number:
        raise ApplicationError("collector_id_number_required", _("Give the ID number of who takes the result."))
    if not ID_NUMBER.match(cleaned.id_number):
        raise errors.invalid_id_number(value=cleaned.id_number)
    if not cleaned.identity_checked:
        raise ApplicationError("collector_identity_not_checked", _("Check the identity paper of who takes the result."))
    if not collector_is_applicant(dossier=dossier, collector=cleaned):
        if cleaned.relation.lower() in SELF:
            raise ApplicationError(
                "collector_relation_required",
                _("This is not the applicant's ID number: give the relation of who takes the result."),
            )
        if not cleaned.authorization:
            raise ApplicationError(
                "collector_authorization_required",
                _("Someone other than the applicant takes the result only with an authorization paper: name it."),
            )
    return cleaned
