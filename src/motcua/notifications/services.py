"""Notifications: made from the outbox, sent by a provider, retried, and the preferences of a contact.

**Made once.** :func:`notifications_plan` turns one outbox message into one row per channel for the dossier's
own contact. Each row's ``key`` joins the message's key, the channel and the recipient and is unique, so the
outbox's redelivery of a message (it delivers at least once) makes no second row.

**Sent at most once per key.** :func:`notification_send` takes the row under a lock, sends only a queued row
whose time has come, and records the outcome in the same transaction; a concurrent sender waits on the lock and
then finds it sent. The provider gets the key, so a crash between its answer and the commit is deduplicated on
its side where it can (docs/notifications.md, "Delivery").

**A provider that is down** delays: the row stays queued with its attempts counted and its next attempt later
(doubling from ``NOTIFY_RETRY_SECONDS``), until ``NOTIFY_MAX_ATTEMPTS`` makes it failed; a supervisor may send a
failed one again (:func:`notification_retry`, recorded on the row and in the audit log).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.audit.services import audit_event_append
from motcua.dossiers.models import Dossier

from . import errors
from .contacts import contact_normalise
from .errors import ProviderError
from .models import ContactPreference, Notification, NotificationStatus, SkipReason
from .providers import Outgoing, provider_for
from .texts import LANGUAGES, TOPIC_EVENTS, message_context, message_render

MAX_BACKOFF = timedelta(days=1)


def dossier_contacts(*, dossier: Dossier) -> dict[str, str]:
    """Where the dossier's own person is reached, per channel: the authorised representative's contacts when
    they filed for the applicant, else the applicant's. Nobody else is ever a recipient."""
    phone, email = dossier.applicant_phone, dossier.applicant_email
    if dossier.representative_name:
        phone = dossier.representative_phone or phone
        email = dossier.representative_email or email
    phone, email = contact_normalise(phone), contact_normalise(email)
    return {"email": email, "sms": phone, "zalo": phone}


def _preference(contact: str) -> ContactPreference | None:
    return ContactPreference.objects.filter(contact=contact).first() if contact else None


@transaction.atomic
def notifications_plan(*, key: str, topic: str, payload: dict[str, Any]) -> list[Notification]:
    """The notifications of one outbox message (none for a topic the applicant is not told of, a training
    dossier or an unknown one). Idempotent by ``key``: a second call returns the rows of the first."""
    event = TOPIC_EVENTS.get(topic)
    if event is None:
        return []
    dossier = (
        Dossier.objects.real()
        .select_related("receiving_point", "procedure_version__procedure")
        .filter(code=str(payload.get("code", "")))
        .first()
    )
    if dossier is None:
        return []
    context = message_context(dossier=dossier, topic=topic, payload=payload)
    return notifications_send_to(
        key=key, event=event, topic=topic, contacts=dossier_contacts(dossier=dossier), context=context, dossier=dossier
    )


@transaction.atomic
def notifications_send_to(
    *,
    key: str,
    event: str,
    contacts: dict[str, str],
    context: dict[str, Any],
    topic: str = "",
    dossier: Dossier | None = None,
    subject_ref: str = "",
) -> list[Notification]:
    """One notification per enabled channel to the person reached at ``contacts`` (``{"email": …, "sms": …,
    "zalo": …}``), rendered from the ``event``'s templates with ``context``; each contact's preferences apply.

    The dossier's own messages come here from :func:`notifications_plan`; a submission in the online inbox, a
    complaint or a rating invitation calls it directly with the person's own contacts (never anyone else's).
    Idempotent by ``key``, like the outbox's messages: a second call returns the first call's rows.
    """
    made = []
    for channel, raw in contacts.items():
        contact = contact_normalise(raw)
        if channel not in settings.NOTIFY_CHANNELS:
            continue
        row_key = f"{key}:{channel}:{contact}"[:200]
        existing = Notification.objects.filter(key=row_key).first()
        if existing is not None:
            made.append(existing)
            continue
        preference = _preference(contact)
        language = preference.language if preference is not None and preference.language in LANGUAGES else "vi"
        fields: dict[str, Any] = {"status": NotificationStatus.QUEUED, "next_attempt_at": timezone.now()}
        rendered = None
        if not contact:
            fields = {"status": NotificationStatus.SKIPPED, "skip_reason": SkipReason.NO_ADDRESS}
        else:
            rendered = message_render(event=event, channel=channel, language=language, context=context, contact=contact)
            if preference is not None and not preference.allows(channel):
                fields = {"status": NotificationStatus.SKIPPED, "skip_reason": SkipReason.OPTED_OUT}
        made.append(
            Notification.objects.create(
                key=row_key,
                dossier=dossier,
                topic=topic,
                subject_ref=subject_ref[:80],
                event=event,
                channel=channel,
                recipient=contact,
                language=language,
                template=rendered.template if rendered else "",
                subject=rendered.subject[:255] if rendered else "",
                body=rendered.body if rendered else "",
                **fields,
            )
        )
    if any(n.status == NotificationStatus.QUEUED for n in made):
        transaction.on_commit(_enqueue_due, robust=True)
    return made


def _enqueue_due() -> None:
    from .tasks import notifications_send_due_task  # the tasks module imports this one

    notifications_send_due_task.delay()


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: the base, doubled each time, at most a day."""
    return min(timedelta(seconds=settings.NOTIFY_RETRY_SECONDS) * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


@transaction.atomic
def notification_send(*, notification_id: int, now: datetime | None = None) -> str:
    """Send one notification if it is queued and due; returns its status after the attempt."""
    now = now or timezone.now()
    notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
    if notification is None:
        return ""
    due = notification.next_attempt_at is None or notification.next_attempt_at <= now
    if notification.status != NotificationStatus.QUEUED or not due:
        return notification.status
    provider = None
    notification.attempts += 1
    try:
        provider = provider_for(notification.channel)
        reference = provider.send(
            Outgoing(
                key=notification.key, to=notification.recipient, subject=notification.subject, body=notification.body
            )
        )
    except ProviderError as error:
        notification.last_error = error.bilingual()[:500]
        if notification.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            notification.status = NotificationStatus.FAILED
            notification.next_attempt_at = None
        else:
            notification.next_attempt_at = now + backoff(notification.attempts)
    else:
        notification.status = NotificationStatus.SENT
        notification.provider_reference = reference[:100]
        notification.sent_at = now
        notification.next_attempt_at = None
        notification.last_error = ""
    notification.provider = provider.code if provider is not None else ""
    notification.save()
    return notification.status


def notifications_send_due(*, now: datetime | None = None, batch: int = 200) -> dict[str, int]:
    """Send every queued notification whose time has come (oldest first); returns the count per outcome."""
    now = now or timezone.now()
    due = (
        Notification.objects.filter(status=NotificationStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:batch]
    )
    counts: dict[str, int] = {}
    for pk in list(due):
        status = notification_send(notification_id=pk, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts


@transaction.atomic
def notification_retry(*, notification: Notification, actor: Any) -> Notification:
    """A supervisor sends a failed notification again: queued now, the attempts kept, who and when recorded."""
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.status != NotificationStatus.FAILED:
        raise errors.notification_not_retryable(status=notification.get_status_display())
    now = timezone.now()
    notification.status = NotificationStatus.QUEUED
    notification.next_attempt_at = now
    notification.retried_by = actor
    notification.retried_at = now
    notification.save(update_fields=["status", "next_attempt_at", "retried_by", "retried_at"])
    audit_event_append(
        action="notification.retry",
        actor=actor,
        object_type="notifications.notification",
        object_id=str(notification.pk),
        payload={
            "dossier": notification.dossier.code if notification.dossier else "",
            "about": notification.subject_ref,
            "channel": notification.channel,
            "key": notification.key,
        },
    )
    transaction.on_commit(_enqueue_due, robust=True)
    return notification


@transaction.atomic
def preference_update(*, contact: str, channels_off: set[str], language: str) -> ContactPreference:
    """Record what ``contact`` chose. Later notifications of a channel turned off are skipped (kept in the log as
    such); the language is the one their next messages are written in."""
    if language not in LANGUAGES:
        raise errors.preference_language_unknown(value=language[:20])
    preference, _ = ContactPreference.objects.select_for_update().get_or_create(contact=contact_normalise(contact))
    preference.email_off = "email" in channels_off
    preference.sms_off = "sms" in channels_off
    preference.zalo_off = "zalo" in channels_off
    preference.language = language
    preference.save()
    return preference


def preference_for(*, contact: str) -> ContactPreference:
    """The contact's choices, unsaved defaults when they never chose."""
    return _preference(contact) or ContactPreference(contact=contact)
