"""Where the local provider lives and its one registered client (motcua's own relying party).

Everything is computed from ``PUBLIC_BASE_URL``: the issuer, the endpoints the relying party calls (over HTTP,
back to the same site) and the one callback address the provider redirects to (matched exactly, plus
``CITIZEN_LOCAL_IDP_EXTRA_REDIRECT_URIS``).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

CLIENT_ID = "motcua"
_SECRET_SALT = "motcua.citizens.idp.client-secret"  # noqa: S105 - a salt, not a secret


def is_mounted() -> bool:
    """Whether the local provider answers at all (only while it is the configured provider)."""
    return settings.CITIZEN_OIDC_PROVIDER == "local"


def base_url() -> str:
    return str(settings.PUBLIC_BASE_URL).rstrip("/")


# Where the local provider is mounted: the end of its issuer, whatever the site's address.
LOCAL_PATH = "/dinh-danh-thu"


def issuer() -> str:
    return base_url() + reverse("citizens:idp:discovery").removesuffix("/.well-known/openid-configuration")


def endpoint(name: str) -> str:
    """The absolute address of one of the provider's endpoints (``authorize``, ``token``, ``userinfo``…)."""
    return base_url() + reverse(f"citizens:idp:{name}")


def client_secret() -> str:
    return settings.CITIZEN_LOCAL_IDP_CLIENT_SECRET or salted_hmac(_SECRET_SALT, CLIENT_ID).hexdigest()


def redirect_uris() -> list[str]:
    return [base_url() + reverse("citizens:oidc_callback"), *settings.CITIZEN_LOCAL_IDP_EXTRA_REDIRECT_URIS]


def post_logout_redirect_uris() -> list[str]:
    return [base_url() + "/", base_url() + reverse("citizens:sign_in")]
