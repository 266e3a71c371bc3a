"""Vietnamese first, whatever the browser prefers."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
