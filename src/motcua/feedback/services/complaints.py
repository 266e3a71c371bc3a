"""Petitions and complaints (phản ánh, kiến nghị): filing and each step of their handling (docs/feedback.md).

Each step is one service over the lifecycle table (``lifecycle.TRANSITIONS``): :func:`complaint_check` says
whether it may be taken (the inbox offers only those), the service takes the complaint's row lock, checks again,
writes the change, the history, the audit event and the notification to the filer in one transaction.
Deadlines are computed once, at filing, on the working calendar (``motcua.workdays``), and stored.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from motcua.audit.services import audit_event_append
from motcua.citizens.models import CitizenAccount
from motcua.dossiers.models import Dossier
from motcua.localities.models import Province
from motcua.notifications.services import notifications_send_to
from motcua.workdays.selectors import work_calendar

from .. import errors
from ..lifecycle import TRANSITIONS, Actor, ComplaintAction, ComplaintStatus
from ..links import complaint_url
from ..models import Category, Complaint, ComplaintEvent
from ..selectors import complaint_may_handle

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no I, L, O, 0, 1: read aloud and typed from paper
REFERENCE_LENGTH = 12
LIMITS = {"name": 255, "subject": 200, "body": 5000, "text": 5000}


def complaint_reference() -> str:
    """``PA`` and 12 random characters (about 59 bits): not a sequence, so not enumerable."""
    return "PA" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def complaint_deadlines(*, filed_at: datetime) -> dict[str, datetime]:
    """The stored deadlines of a complaint filed at ``filed_at``, in working days on the working calendar."""
    calendar = work_calendar()
    return {
        "ack_due_at": calendar.add_working_days(filed_at, settings.FEEDBACK_ACK_WORKING_DAYS),
        "more_info_due_at": calendar.add_working_days(filed_at, settings.FEEDBACK_MORE_INFO_WORKING_DAYS),
        "answer_due_at": calendar.add_working_days(filed_at, settings.FEEDBACK_ANSWER_WORKING_DAYS),
    }


def _text(value: str, *, field: str, required: bool = True, most: int | None = None) -> str:
    text = (value or "").strip()
    if required and not text:
        raise errors.text_required(field=field)
    limit = most or LIMITS.get(field, LIMITS["text"])
    if len(text) > limit:
        raise errors.text_too_long(field=field, most=limit)
    return text


def _event(complaint: Complaint, *, action: str, actor: Any, from_status: str, note: str, now: datetime,
           on_time: bool | None = None) -> ComplaintEvent:  # fmt: skip
    seq = (complaint.events.aggregate(last=Max("seq"))["last"] or 0) + 1
    event = ComplaintEvent.objects.create(
        complaint=complaint,
        seq=seq,
        at=now,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        from_status=from_status,
        to_status=complaint.status,
        note=note,
        on_time=on_time,
    )
    audit_event_append(
        action=f"complaint.{action}",
        actor=actor,
        object_type="feedback.complaint",
        object_id=complaint.reference,
        payload={"from": from_status, "to": complaint.status, "seq": seq, "on_time": on_time},
    )
    return event


def _notify(complaint: Complaint, event: ComplaintEvent) -> None:
    """Tell the filer, at the contacts they gave (nobody else's), what the step was and its text."""
    local = timezone.localtime
    notifications_send_to(
        key=f"complaint:{complaint.pk}:{event.seq}",
        event="complaint",
        topic=f"complaint.{event.action}",
        contacts={"email": complaint.email, "sms": complaint.phone, "zalo": complaint.phone},
        context={
            "name": complaint.name,
            "reference": complaint.reference,
            "subject": complaint.subject,
            "action": event.action,
            "text": event.note,
            "ack_due": local(complaint.ack_due_at).strftime("%d/%m/%Y"),
            "answer_due": local(complaint.answer_due_at).strftime("%d/%m/%Y"),
            "url": complaint_url(reference=complaint.reference, with_account=complaint.account_id is not None),
        },
        dossier=complaint.dossier,
        subject_ref=complaint.reference,
    )


@transaction.atomic
def complaint_file(
    *,
    name: str,
    phone: str,
    email: str,
    category: str,
    subject: str,
    body: str,
    account: CitizenAccount | None = None,
    dossier: Dossier | None = None,
    province: Province | None = None,
    now: datetime | None = None,
) -> Complaint:
    """File a petition, optionally about ``dossier`` (whose lead agency then handles it); without one it goes to
    the one-stop supervisors of ``province``. The caller has established that ``dossier`` is the filer's."""
    now = now or timezone.now()
    if category not in Category.values:
        raise errors.complaint_action_unknown().at("category")
    name, subject, body = _text(name, field="name"), _text(subject, field="subject"), _text(body, field="body")
    phone, email = _text(phone, field="phone", required=False, most=20), _text(email, field="email", required=False)
    if not phone and not email:
        raise errors.complaint_contact_required()
    agency = dossier.lead_agency if dossier is not None else None
    if agency is not None and agency.province_id is not None:
        province = agency.province
    if province is None:
        raise errors.complaint_province_required()
    reference = complaint_reference()
    while Complaint.objects.filter(reference=reference).exists():  # 1 in 2^59: never, but cheap to be sure
        reference = complaint_reference()
    complaint = Complaint.objects.create(
        reference=reference,
        account=account,
        name=name,
        phone=phone,
        email=email,
        dossier=dossier,
        agency=agency,
        province=province,
        category=category,
        subject=subject,
        body=body,
        filed_at=now,
        **complaint_deadlines(filed_at=now),
    )
    _notify(complaint, _event(complaint, action=ComplaintAction.FILE, actor=None, from_status="", note="", now=now))
    return complaint


def complaint_check(*, complaint: Complaint, action: ComplaintAction | str, user: Any = None,
                    account: CitizenAccount | None = None, now: datetime | None = None) -> None:  # fmt: skip
    """Raise unless ``action`` may be taken now on ``complaint``: by a handler in scope (``user``), or by the filer
    (``account``, or a guest holding the reference when ``user`` and ``account`` are both ``None``)."""
    try:
        transition = TRANSITIONS[ComplaintAction(action)]
    except (KeyError, ValueError):
        raise errors.complaint_action_unknown() from None
    if transition.actor == Actor.HANDLER and (user is None or not complaint_may_handle(user=user, complaint=complaint)):
        raise errors.complaint_not_handler()
    if (
        transition.actor == Actor.FILER
        and complaint.account_id is not None
        and complaint.account_id != getattr(account, "pk", None)
    ):
        raise errors.complaint_not_found()
    if complaint.status not in transition.sources:
        raise errors.complaint_action_refused(
            action=str(transition.action.label), status=str(ComplaintStatus(complaint.status).label)
        )
    if transition.action == ComplaintAction.REQUEST_INFO and (now or timezone.now()) > complaint.more_info_due_at:
        raise errors.complaint_more_info_too_late()


def _act(*, complaint: Complaint, action: ComplaintAction, text: str = "", user: Any = None,
         account: CitizenAccount | None = None, now: datetime | None = None) -> Complaint:  # fmt: skip
    now = now or timezone.now()
    transition = TRANSITIONS[action]
    text = _text(text, field="text", required=transition.needs_text)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complaint_check(complaint=complaint, action=action, user=user, account=account, now=now)
    before = complaint.status
    complaint.status = transition.target
    changed = ["status", "flag"]
    complaint.flag = ""  # a new stage starts unflagged; the watch looks again
    if action == ComplaintAction.ACKNOWLEDGE:
        complaint.acknowledged_at = now
        changed.append("acknowledged_at")
    elif action == ComplaintAction.REFUSE:
        complaint.refused_at, complaint.refusal_reason = now, text
        changed += ["refused_at", "refusal_reason"]
    elif action == ComplaintAction.REQUEST_INFO:
        complaint.info_requested_at, complaint.info_request = now, text
        changed += ["info_requested_at", "info_request"]
    elif action == ComplaintAction.REPLY:
        complaint.info_replied_at, complaint.info_reply = now, text
        changed += ["info_replied_at", "info_reply"]
    elif action == ComplaintAction.ANSWER:
        complaint.answered_at, complaint.answer, complaint.answered_by = now, text, user
        changed += ["answered_at", "answer", "answered_by"]
    elif action == ComplaintAction.CLOSE:
        complaint.closed_at = now
        changed.append("closed_at")
    complaint.save(update_fields=changed)
    due = getattr(complaint, f"{transition.deadline}_due_at") if transition.deadline is not None else None
    on_time = None if due is None else now <= due
    actor = user if transition.actor == Actor.HANDLER else (account.user if account is not None else None)
    event = _event(complaint, action=action, actor=actor, from_status=before, note=text, now=now, on_time=on_time)
    if action != ComplaintAction.REPLY:  # the filer knows what they wrote
        _notify(complaint, event)
    return complaint


@transaction.atomic
def complaint_acknowledge(*, complaint: Complaint, user: Any, now: datetime | None = None) -> Complaint:
    return _act(complaint=complaint, action=ComplaintAction.ACKNOWLEDGE, user=user, now=now)


@transaction.atomic
def complaint_refuse(*, complaint: Complaint, user: Any, reason: str, now: datetime | None = None) -> Complaint:
    return _act(complaint=complaint, action=ComplaintAction.REFUSE, text=reason, user=user, now=now)


@transaction.atomic
def complaint_request_info(*, complaint: Complaint, user: Any, question: str, now: datetime | None = None) -> Complaint:
    return _act(complaint=complaint, action=ComplaintAction.REQUEST_INFO, text=question, user=user, now=now)


@transaction.atomic
def complaint_reply(*, complaint: Complaint, account: CitizenAccount | None, reply: str,
                    now: datetime | None = None) -> Complaint:  # fmt: skip
    return _act(complaint=complaint, action=ComplaintAction.REPLY, text=reply, account=account, now=now)


@transaction.atomic
def complaint_answer(*, complaint: Complaint, user: Any, answer: str, now: datetime | None = None) -> Complaint:
    return _act(complaint=complaint, action=ComplaintAction.ANSWER, text=answer, user=user, now=now)


@transaction.atomic
def complaint_close(*, complaint: Complaint, user: Any, now: datetime | None = None) -> Complaint:
    return _act(complaint=complaint, action=ComplaintAction.CLOSE, user=user, now=now)


# The handler's steps by action, for the inbox's one form per action.
HANDLER_STEPS = {
    ComplaintAction.ACKNOWLEDGE: lambda c, u, text: complaint_acknowledge(complaint=c, user=u),
    ComplaintAction.REFUSE: lambda c, u, text: complaint_refuse(complaint=c, user=u, reason=text),
    ComplaintAction.REQUEST_INFO: lambda c, u, text: complaint_request_info(complaint=c, user=u, question=text),
    ComplaintAction.ANSWER: lambda c, u, text: complaint_answer(complaint=c, user=u, answer=text),
    ComplaintAction.CLOSE: lambda c, u, text: complaint_close(complaint=c, user=u),
}
