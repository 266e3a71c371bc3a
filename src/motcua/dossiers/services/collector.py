"""Who may take a result away: the identity check, the same at the counter and at the door.

docs/domain.md, "The postal steps of a home pickup and a delivery": a result is handed to the applicant or to a
person they authorised; the identity paper of whoever takes it is checked against them, and an authorised
person shows the authorisation paper (Decision 45/2016/QĐ-TTg; Circular 17/2017/TT-BTTTT, art. 5). The
counter's return form and the postman's delivery report both go through :func:`collector_check`.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.core.identity import ID_NUMBER

from .. import errors
from ..models import Dossier

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


def collector_check(*, dossier: Dossier, collector: Collector, inputs: str = "collector_") -> Collector:
    """The collector, cleaned, if they may take the result of ``dossier``; else the rule's error.

    ``inputs`` prefixes the names of the inputs an error points at (``collector_name`` at the counter,
    ``recipient_name`` in a postman's report); the identity check is ``identity_checked`` in both.

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
        raise errors.collector_name_required().at(f"{inputs}name")
    if not cleaned.id_number:
        raise errors.collector_id_number_required().at(f"{inputs}id_number")
    if not ID_NUMBER.match(cleaned.id_number):
        raise errors.invalid_id_number(value=cleaned.id_number, field=f"{inputs}id_number")
    if not cleaned.identity_checked:
        raise errors.collector_identity_not_checked()
    if not collector_is_applicant(dossier=dossier, collector=cleaned):
        if cleaned.relation.lower() in SELF:
            raise errors.collector_relation_required().at(f"{inputs}relation")
        if not cleaned.authorization:
            raise errors.collector_authorization_required().at(f"{inputs}authorization")
    return cleaned
