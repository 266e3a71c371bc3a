"""Vietnamese first, whatever the browser prefers; staff sessions that end; no caching of personal data."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Use the language the user chose with the switcher (its cookie), else Vietnamese.

    API requests without the cookie follow Accept-Language, as HTTP clients expect.

    Django's own middleware follows the browser's Accept-Language, so a counter PC with an
    English-language browser would show English to citizens; one-stop pages default to Vietnamese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        if chosen not in supported and request.path.startswith("/api/"):
            # API clients state their language in Accept-Language; pages ignore it on purpose.
            chosen = translation.get_language_from_request(request, check_path=False)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class StaffSessionLifetimeMiddleware:
    """End a signed-in session after a working day and after idle time (docs/security.md).

    ``STAFF_SESSION_MAX_HOURS`` counts from signing in, ``STAFF_SESSION_IDLE_MINUTES`` from the last request;
    either way the user is signed out and the request goes on as anonymous (pages then ask to sign in).
    The last-seen time is written at most once a minute, so a busy desk does not write its session on every
    request.
    """

    STARTED = "motcua_session_started_at"
    SEEN = "motcua_session_seen_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = time.time()
        started = request.session.get(self.STARTED)
        seen = request.session.get(self.SEEN)
        if not isinstance(started, int | float) or not isinstance(seen, int | float):
            # Signed in before this middleware existed (or by force_login): the clock starts now.
            request.session[self.STARTED] = request.session[self.SEEN] = now
            return
        if (
            now - started > settings.STAFF_SESSION_MAX_HOURS * 3600
            or now - seen > settings.STAFF_SESSION_IDLE_MINUTES * 60
        ):
            logout(request)
            return
        if now - seen >= 60:
            request.session[self.SEEN] = now


@receiver(user_logged_in)
def _session_clock_starts(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[StaffSessionLifetimeMiddleware.STARTED] = time.time()
        request.session[StaffSessionLifetimeMiddleware.SEEN] = time.time()


NO_STORE_PREFIXES = ("/admin/", "/api/")


class PersonalDataNoStoreMiddleware:
    """``Cache-Control: no-store`` on what staff see: every response to a signed-in user, the admin and the API.

    Desk pages and API answers carry citizens' names, ID numbers and addresses; a shared counter PC's
    browser cache or a proxy must not keep them (OWASP ASVS 8.2.1).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(NO_STORE_PREFIXES):
            patch_cache_control(response, no_store=True, private=True)
        return response
