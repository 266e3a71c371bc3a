"""Errors of the notifications: one function per rule, each with a stable code and a bilingual message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError


class ProviderError(ApplicationError):
    """A provider refused a message or could not be reached: the notification waits and is tried again."""


def provider_unknown(*, channel: str, code: str) -> ProviderError:
    return ProviderError(
        "notification_provider_unknown",
        _("No provider “%(code)s” is registered for the channel %(channel)s."),
        params={"code": code, "channel": channel},
    )


def provider_down(*, channel: str) -> ProviderError:
    return ProviderError(
        "notification_provider_down",
        _("The %(channel)s provider cannot be reached; the message will be sent later."),
        params={"channel": channel},
        status=503,
    )


def provider_refused(*, channel: str, reason: str) -> ProviderError:
    return ProviderError(
        "notification_provider_refused",
        _("The %(channel)s provider refused the message: %(reason)s"),
        params={"channel": channel, "reason": reason},
        status=502,
    )


def preference_link_invalid() -> ApplicationError:
    return ApplicationError(
        "notification_preference_link_invalid",
        _("This link to your notification choices is not valid. Open the link of your latest message again."),
        status=400,
    )


def notification_not_retryable(*, status: str) -> ApplicationError:
    return ApplicationError(
        "notification_not_retryable",
        _("Only a failed notification can be sent again (this one is %(status)s)."),
        params={"status": status},
        status=409,
    )


def preference_language_unknown(*, value: str) -> ApplicationError:
    return ApplicationError(
        "notification_language_unknown",
        _("“%(value)s” is not a language messages are written in."),
        params={"value": value},
        field="language",
    )
