"""From request bodies to the engine's arguments: codes become rows, and each action gets exactly its fields.

A code that names nothing, a required field left out or a field the action does not take is a 422
``validation_failed`` problem whose ``errors`` say where (``["body", "payload", <field>]``), like the schema's own
validation. Rules of the domain (a mandatory component missing, an invalid ID number…) stay with the engine.

What a paper received says about the data store is checked here, against the store and the caller's scope, never
stored as given: a ``document_ref`` must be the public id of a document of the applicant that the caller may see;
``reused`` needs such a reference, and ``digitized`` one to a stored scan (docs/api.md, "Reception").
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import uuid
from dataclasses import replace
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from ninja.errors import ValidationError

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.documents.models import Document, DocumentOrigin
from motcua.documents.selectors import documents_for_owner
from motcua.dossiers import errors as dossier_errors
from motcua.dossiers.actions import ACTION_FIELDS
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import ReturnMethod
from motcua.dossiers.services.receive import Applicant, ReceivedComponent, Reception, version_parts
from motcua.localities.models import Commune
from motcua.postal.tariffs import return_postage_quote
from motcua.procedures.models import ProcedureVersion
from motcua.procedures.selectors import procedure_get_published

from ..schemas.dossier_requests import ActionIn, ReceivedComponentIn, ReceptionIn

Loc = tuple[str | int, ...]
BODY: Loc = ("body", "payload")


class Problems:
    """Collects every invalid value of a body before refusing it, so the client fixes them all at once."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def add(self, loc: Loc, msg: str, kind: str) -> None:
        self.errors.append({"loc": [*BODY, *loc], "msg": msg, "type": kind})

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _agency(code: str, loc: Loc, problems: Problems) -> Agency | None:
    agency = Agency.objects.filter(code=code.strip()).first()
    if agency is None:
        problems.add(loc, f"No agency has the code {code!r}", "unknown_agency")
    return agency


def _file(sent: dict[str, str], loc: Loc, problems: Problems) -> ContentFile | None:
    """A file sent as ``{name, content_base64}``; what it must be is the engine's to check."""
    try:
        content = base64.b64decode(sent["content_base64"], validate=True)
    except (binascii.Error, ValueError):
        problems.add((*loc, "content_base64"), "Not base64 (RFC 4648)", "invalid_base64")
        return None
    return ContentFile(content, name=os.path.basename(sent["name"].replace("\\", "/")) or "result.pdf")


# --- reception -------------------------------------------------------------------------------------------------


def _user(username: str, loc: Loc, problems: Problems) -> Any:
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        problems.add(loc, f"No active user {username!r}", "unknown_user")
    return user


def reception_from(payload: ReceptionIn, *, user: Any) -> Reception:
    """The engine's :class:`Reception` for a body, with the procedure's current published version; each paper
    carries the stored document it names, checked against the data store and ``user``'s scope."""
    problems = Problems()
    version: ProcedureVersion | None = None
    try:
        version = procedure_get_published(national_code=payload.procedure.strip())
    except ApplicationError as error:
        if error.code != "procedure_not_found":
            raise
        problems.add(("procedure",), f"No published procedure has the code {payload.procedure!r}", "unknown_procedure")
    point = ReceivingPoint.objects.filter(code=payload.receiving_point.strip(), is_active=True).first()
    if point is None:
        problems.add(
            ("receiving_point",), f"No active receiving point has the code {payload.receiving_point!r}", "unknown_point"
        )
    lead = _agency(payload.lead_agency, ("lead_agency",), problems)
    applicant = payload.applicant
    if applicant.commune_code and not Commune.objects.filter(code=applicant.commune_code).exists():
        problems.add(
            ("applicant", "commune_code"), f"No commune has the code {applicant.commune_code!r}", "unknown_commune"
        )
    components = [
        _component(item, version, ("components", index), problems) for index, item in enumerate(payload.components)
    ]
    fee_lines = _fee_lines(payload, version, problems)
    documents = {
        index: document
        for index, item in enumerate(payload.components)
        if (document := _stored_document(item, payload, user, ("components", index), problems)) is not None
    }
    problems.raise_any()
    assert version is not None and point is not None and lead is not None  # refused above otherwise
    reception = Reception(
        procedure_version=version,
        receiving_point=point,
        lead_agency=lead,
        channel=payload.channel,
        applicant=Applicant(
            kind=applicant.kind,
            name=applicant.name.strip(),
            id_number=applicant.id_number.strip(),
            address=applicant.address.strip(),
            birth_date=applicant.birth_date,
            phone=applicant.phone.strip(),
            email=applicant.email.strip(),
            commune_code=applicant.commune_code or None,
            representative_name=applicant.representative_name.strip(),
            representative_id_number=applicant.representative_id_number.strip(),
            representative_address=applicant.representative_address.strip(),
            representative_phone=applicant.representative_phone.strip(),
            representative_email=applicant.representative_email.strip(),
            authorization_document=applicant.authorization_document.strip(),
        ),
        # Every paper is there (one that is not was refused above); each names its document by its public id.
        components=[
            replace(c, document_ref=str(documents[index].uid), document=documents[index]) if index in documents else c
            for index, c in enumerate(components)
            if c is not None
        ],
        return_method=payload.return_method,
        return_address=payload.return_address.strip(),
        fees_paid=payload.fees_paid,
        fee_lines=fee_lines,
        fee_exemption=payload.fee_exemption.strip(),
        return_postage=_return_postage(payload, point),
    )
    return reception


def _stored_document(
    item: ReceivedComponentIn, payload: ReceptionIn, user: Any, loc: Loc, problems: Problems
) -> Document | None:
    """The document of the data store a paper names: the applicant's, visible to ``user``. ``reused`` needs one,
    ``digitized`` one that is a stored scan."""
    ref = item.document_ref.strip()
    document = None
    if ref:
        key = _uuid(ref)
        owner = payload.applicant.id_number.strip()
        document = documents_for_owner(user=user, owner_id_number=owner).filter(uid=key).first() if key else None
        if document is None:
            problems.add(
                (*loc, "document_ref"),
                "No document of the applicant in the data store that you may see has this id",
                "unknown_document",
            )
            return None
    if item.reused and document is None:
        problems.add(
            (*loc, "reused"), "A reused paper names its stored document in document_ref", "reused_without_document"
        )
    if item.digitized and (document is None or document.origin != DocumentOrigin.SCAN):
        problems.add(
            (*loc, "digitized"),
            "A digitized paper names its stored scan in document_ref (or is scanned through /documents/jobs)",
            "digitized_without_scan",
        )
    if item.reused and item.digitized:
        problems.add(
            (*loc, "digitized"),
            "A paper is either reused from the data store or digitized, not both",
            "reused_and_digitized",
        )
    return document


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _fee_lines(payload: ReceptionIn, version: ProcedureVersion | None, problems: Problems) -> dict[int, int]:
    """The fee lines named by their order, as fee id → units."""
    if version is None:
        return {}
    by_order = {fee.order: fee.pk for fee in version_parts(version).fees}
    lines: dict[int, int] = {}
    for index, line in enumerate(payload.fee_lines):
        if line.order not in by_order:
            problems.add(("fee_lines", index, "order"), f"The procedure has no fee line {line.order}", "unknown_fee")
        elif by_order[line.order] in lines:
            problems.add(("fee_lines", index, "order"), f"The fee line {line.order} is named twice", "duplicate_fee")
        else:
            lines[by_order[line.order]] = line.quantity
    return lines


def _return_postage(payload: ReceptionIn, point: ReceivingPoint | None) -> int | None:
    """The postage quoted for returning the result by post, recorded on the dossier and charged on delivery."""
    if payload.return_method != ReturnMethod.POST or point is None:
        return None
    commune = Commune.objects.filter(code=payload.applicant.commune_code or "").first()
    try:
        return return_postage_quote(point=point, commune=commune).price
    except ApplicationError:
        return None  # no tariff in force: the delivery quotes the postage when it is created


def _component(
    item: ReceivedComponentIn, version: ProcedureVersion | None, loc: Loc, problems: Problems
) -> ReceivedComponent | None:
    """A paper received; ``order`` or ``id`` ties it to the checklist, whose name and form fill what is left out."""
    if version is None:
        return None  # the procedure is unknown: its checklist cannot be checked
    checklist = None
    if item.order is not None or item.id is not None:
        items = version.components.all()  # prefetched by procedure_get_published
        checklist = next(
            (
                c
                for c in items
                if (item.id is None or c.pk == item.id) and (item.order is None or c.order == item.order)
            ),
            None,
        )
        if checklist is None:
            problems.add(loc, "The procedure's checklist has no such item (order or id)", "unknown_component")
            return None
    name = item.name.strip() or (checklist.name if checklist else "")
    form = item.form.strip() or (checklist.form if checklist else "")
    if not name or not form:
        problems.add(loc, "A paper not on the checklist needs a name and a form", "missing")
        return None
    return ReceivedComponent(
        name=name,
        form=form,
        count=item.count,
        component_id=checklist.pk if checklist else None,
        reused=item.reused,
        digitized=item.digitized,
    )


# --- preconditions ---------------------------------------------------------------------------------------------

# An entity-tag (RFC 9110 §8.8.3): strong ``"<seq>"`` is what this API sends; a weak one never matches If-Match.
ENTITY_TAG = re.compile(r'^(W/)?"([\x21\x23-\x7e]*)"$')
NEVER = -1  # a sequence no dossier has: the engine refuses it as changed


def dossier_etag(seq: int) -> str:
    """The dossier's entity-tag: the number of its latest history event, which every change of it appends."""
    return f'"{seq}"'


def expected_seq_from(*, if_match: str | None, payload: ActionIn | None, current: int) -> int | None:
    """The history sequence the client says it saw, for the engine to check under the dossier's lock: the body's
    ``expected_seq``, or the entity-tag of ``If-Match`` (``*``: any). ``current`` (read without a lock) picks the
    tag that can still match when several are sent; one that cannot gives :data:`NEVER`, refused as changed."""
    sent = payload.expected_seq if payload is not None else None
    if if_match is None or not if_match.strip():
        return sent
    candidates: set[int] = set()
    for tag in (part.strip() for part in if_match.split(",")):
        if tag == "*":
            return sent
        matched = ENTITY_TAG.match(tag)
        if matched is None:
            raise ValidationError(
                [{"loc": ["header", "If-Match"], "msg": 'Not an entity-tag, e.g. "12" or *', "type": "invalid_etag"}]
            )
        if matched.group(1) is None and matched.group(2).isdigit():
            candidates.add(int(matched.group(2)))  # a weak tag never matches (RFC 9110 §13.1.1)
    if sent is not None:
        return sent if sent in candidates else NEVER
    return current if current in candidates else NEVER


# --- actions ---------------------------------------------------------------------------------------------------


def action_named(name: str) -> Action:
    try:
        return Action(name)
    except ValueError:
        raise dossier_errors.action_not_found(action=name, actions=", ".join(a.value for a in Action)) from None


def action_arguments(action: Action, payload: ActionIn | None) -> dict[str, Any]:
    """The keyword arguments of the action's service: the fields it declares, present ones only, resolved."""
    declared = {field.name: field for field in ACTION_FIELDS[action]}
    sent = {
        name: value
        for name, value in (payload.model_dump(exclude_unset=True, exclude={"expected_seq"}) if payload else {}).items()
        if value is not None
    }
    problems = Problems()
    for name in sent.keys() - declared.keys():
        problems.add((name,), f"The action {action.value!r} does not take this field", "extra_forbidden")
    for name, field in declared.items():
        value = sent.get(name)
        if field.required and (value is None or value == [] or (isinstance(value, str) and not value.strip())):
            problems.add((name,), "Field required", "missing")
    problems.raise_any()
    arguments = {name: value for name, value in sent.items() if name in declared}
    if "assignee" in arguments:
        arguments["assignee"] = _user(arguments["assignee"], ("assignee",), problems)
    if "next_agency" in arguments:
        arguments["next_agency"] = _agency(arguments["next_agency"], ("next_agency",), problems)
    if "result_file" in arguments:
        arguments["result_file"] = _file(arguments["result_file"], ("result_file",), problems)
    if "step_agencies" in arguments:
        arguments["step_agencies"] = {
            order: _agency(code, ("step_agencies", str(order)), problems)
            for order, code in arguments["step_agencies"].items()
        }
    problems.raise_any()
    return arguments
