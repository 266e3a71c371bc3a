"""Which outbox topics tell the applicant something, and the words they are told in.

The texts are Django templates in ``templates/notifications/messages/``, one per event × channel × language
(``status.sms.vi.txt``…); an e-mail template's first line is its subject. :func:`message_render` fills one in
with what the event's outbox payload and the dossier say, in plain words: the status as a sentence, dates
dd/mm/yyyy, where to go. An SMS keeps its content within 160 characters (the preferences link follows on its
own line) and, with ``NOTIFY_SMS_ASCII``, drops the accents so it fits one GSM message.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.slips.context import public_lookup_url

from .contacts import preference_token
from .models import EventKind

SMS_CONTENT_LIMIT = 160
LANGUAGES = ("vi", "en")

# The topics that reach the applicant, and as which event. Internal steps (assign, complete a step) and the
# deadline flags are the staff's business. ``dossier.return_to_counter`` is not here: the post gives a result
# back only through ``postal.delivery_failed``, whose message says where to collect it (docs/notifications.md).
TOPIC_EVENTS: dict[str, str] = {
    **{
        f"dossier.{action}": EventKind.STATUS
        for action in (
            "receive",
            "refuse",
            "transfer",
            "receive_supplement",
            "request_obligation",
            "meet_obligation",
            "withdraw",
            "stop",
            "approve",
            "reject",
            "send_result_to_post",
            "return_result",
        )
    },
    "dossier.request_supplement": EventKind.SUPPLEMENT,
    "dossier.extend": EventKind.APPOINTMENT,
    "dossier.send_result_to_counter": EventKind.RESULT_READY,
    "postal.delivery_failed": EventKind.DELIVERY,
}

# Each status as the applicant would say it: "your dossier ...".
STATUS_WORDS: dict[str, Any] = {
    Status.RECEIVED: _("has been received and registered"),
    Status.REFUSED: _("was not accepted at reception"),
    Status.IN_PROCESS: _("is being processed by the agency"),
    Status.SUPPLEMENT_REQUESTED: _("needs more papers from you"),
    Status.OBLIGATION_REQUESTED: _("is waiting for you to pay a fee or tax"),
    Status.WITHDRAWN: _("was withdrawn at your request"),
    Status.STOPPED: _("is no longer being processed"),
    Status.APPROVED: _("was approved: the result is being prepared for you"),
    Status.NOT_APPROVED: _("was not approved: the written reasons are being prepared for you"),
    Status.RESULT_AT_COUNTER: _("has its result waiting for you at the counter"),
    Status.RESULT_WITH_POST: _("has its result with the post, on its way to you"),
    Status.RETURNED: _("is complete: the result has been handed over"),
}


@dataclass(frozen=True)
class Rendered:
    template: str
    subject: str
    body: str


def template_name(*, event: str, channel: str, language: str) -> str:
    return f"notifications/messages/{event}.{channel}.{language}.txt"


def _when(value: Any) -> str:
    if isinstance(value, str) and value:
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    return ""


def preferences_url(contact: str) -> str:
    path = reverse("notifications:preferences", args=[preference_token(contact)])
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def message_context(*, dossier: Dossier, topic: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Everything a template may say, language-neutral (the status words are lazy: rendered in the override)."""
    point = dossier.receiving_point
    seq = payload.get("seq")
    event = DossierEvent.objects.filter(dossier=dossier, seq=seq).first() if isinstance(seq, int) else None
    status = payload.get("status") or dossier.status
    given = payload.get("point")
    delivery_point: dict[str, Any] = given if isinstance(given, dict) else {}
    return {
        "code": dossier.code,
        "name": dossier.representative_name or dossier.applicant_name,
        "procedure": dossier.procedure_version.procedure.name,
        "status_words": STATUS_WORDS.get(status, ""),
        "action": topic.partition(".")[2],
        "due": _when(dossier.appointment_at),
        "point_name": delivery_point.get("name") or point.name,
        "point_address": delivery_point.get("address") or point.address,
        "point_phone": delivery_point.get("phone") or point.phone,
        "items": [str(item) for item in payload.get("items", []) if str(item).strip()],
        "reason": event.note if event is not None else "",
        "amount": payload.get("amount"),
        "previous": _when(payload.get("previous")),
        "new": _when(payload.get("new")),
        "attempts": payload.get("attempts"),
        "tracking_number": payload.get("tracking_number", ""),
        "lookup_url": public_lookup_url(dossier),
    }


def unaccented(text: str) -> str:
    """Vietnamese without its marks: ``Hồ sơ đã được tiếp nhận`` → ``Ho so da duoc tiep nhan``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def sms_fit(text: str, *, limit: int = SMS_CONTENT_LIMIT) -> str:
    """One line, at most ``limit`` characters (cut with an ellipsis: the link to the details follows anyway)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3].rstrip() + "..."


def message_render(*, event: str, channel: str, language: str, context: dict[str, Any], contact: str) -> Rendered:
    name = template_name(event=event, channel=channel, language=language)
    with translation.override(language):
        text = render_to_string(name, {**context, "preferences_url": preferences_url(contact)}).strip()
    subject = ""
    if channel == "email":
        subject, _, text = text.partition("\n")
        subject = subject.strip()
        text = text.strip() + "\n"
    elif channel == "sms":
        content = sms_fit(unaccented(text) if settings.NOTIFY_SMS_ASCII else text)
        text = f"{content}\n{preferences_url(contact)}"
    return Rendered(template=name, subject=subject, body=text)
