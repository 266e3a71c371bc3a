"""The relying party: mozilla-django-oidc's backend, made to open citizens' accounts only (docs/citizens.md).

What it adds to the library:

* the local provider's endpoints and client are computed from ``PUBLIC_BASE_URL`` (:func:`relying_party_setting`);
* the id token's issuer, audience, expiry and issue time are checked (the library checks the signature and the
  nonce only);
* the userinfo must describe the same ``sub`` as the id token;
* the claims become an :class:`~motcua.citizens.services.Identity` through the configured claim map, and an
  identity without a valid ID number or tax code opens nothing;
* an account is found by issuer and subject alone, never by e-mail or user name, and the backend only ever
  returns users with a citizen account: a staff member can neither be matched nor taken over;
* why a sign-in failed is left on the request (:data:`FAILURE_ATTRIBUTE`) for the failure page.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from motcua.core.errors import ApplicationError

from . import errors
from .claims import identity_from_claims
from .idp import registration
from .services import citizen_sign_in

LOGGER = logging.getLogger(__name__)

#: The attribute of the callback's request that holds the code of the error a failed sign-in met.
FAILURE_ATTRIBUTE = "citizen_sign_in_failure"

_LOCAL_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "token",
    "OIDC_OP_USER_ENDPOINT": "userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "jwks",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session",
}


def relying_party_setting(name: str, *default: Any) -> Any:
    """A setting of the relying party: with the local provider, its endpoints and client are computed at run
    time from ``PUBLIC_BASE_URL``; with an external one they are the ``OIDC_*`` settings."""
    if registration.is_mounted():
        if name in _LOCAL_ENDPOINTS:
            return registration.endpoint(_LOCAL_ENDPOINTS[name])
        if name == "OIDC_OP_ISSUER":
            return registration.issuer()
        if name == "OIDC_RP_CLIENT_ID":
            return registration.CLIENT_ID
        if name == "OIDC_RP_CLIENT_SECRET":
            return registration.client_secret()
    return import_from_settings(name, *default)


class CitizenOIDCBackend(OIDCAuthenticationBackend):
    """Signs in citizens (and businesses) whom the OpenID Connect provider vouched for; nobody else."""

    get_settings = staticmethod(relying_party_setting)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # Only the callback's own call (it always passes the nonce): never a password sign-in, even one whose
        # address happens to carry ``code`` and ``state``.
        if request is None or "nonce" not in kwargs or {"username", "password"} & kwargs.keys():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except ApplicationError as refused:
            return self._failed(request, refused)
        except jwt.ExpiredSignatureError:
            return self._failed(request, errors.sign_in_expired())
        except (jwt.InvalidTokenError, SuspiciousOperation) as refused:
            LOGGER.warning("citizen sign-in refused: %s", refused)
            return self._failed(request, errors.sign_in_refused())
        except requests.HTTPError as refused:
            status = refused.response.status_code if refused.response is not None else 0
            LOGGER.warning("citizen sign-in: the provider answered %s", status)
            return self._failed(
                request, errors.sign_in_refused() if 400 <= status < 500 else errors.sign_in_provider_unreachable()
            )
        except (requests.RequestException, ValueError, KeyError, TypeError) as unreachable:
            LOGGER.warning("citizen sign-in: the provider could not be reached or answered nonsense: %s", unreachable)
            return self._failed(request, errors.sign_in_provider_unreachable())

    def _failed(self, request: HttpRequest, error: ApplicationError) -> None:
        setattr(request, FAILURE_ATTRIBUTE, error.code)
        return None

    def retrieve_matching_jwk(self, token: bytes | str) -> Any:
        """The provider's key for ``token``; a token that names no key (``kid``) is refused, not a crash."""
        if "kid" not in jwt.get_unverified_header(token):
            raise SuspiciousOperation("The id token names no signing key.")
        return super().retrieve_matching_jwk(token)

    def get_payload_data(self, token: bytes | str, key: Any) -> dict[str, Any]:
        """Never an unsigned token, whatever ``OIDC_ALLOW_UNSECURED_JWT`` says."""
        return self._verify_jws(token, key)

    def _verify_jws(self, token: bytes | str, key: Any) -> dict[str, Any]:
        """The id token's claims once its signature, algorithm, issuer, audience, expiry and issue time are
        checked (the library checks the signature alone)."""
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The id token is not signed with the configured algorithm.")
        payload: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=self.get_settings("OIDC_OP_ISSUER"),
            leeway=self.get_settings("CITIZEN_OIDC_CLOCK_SKEW_SECONDS", 30),
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
        audience = payload["aud"]
        if isinstance(audience, list) and len(audience) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("The id token was issued for several clients, and not on behalf of this one.")
        if not isinstance(payload["sub"], str) or not payload["sub"]:
            raise SuspiciousOperation("The id token names no subject.")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict) or userinfo.get("sub") != payload["sub"]:
            raise errors.sign_in_refused()  # the userinfo must describe the id token's subject (OIDC Core 5.3.2)
        identity = identity_from_claims({**payload, **userinfo}, issuer=payload["iss"], subject=payload["sub"])
        account = citizen_sign_in(identity=identity)
        user = account.user
        return user if self.user_can_authenticate(user) else None

    def get_user(self, user_id: Any) -> Any:
        """The signed-in user on each later request, while it is still a citizen's account."""
        return self.UserModel.objects.filter(pk=user_id, citizen__isnull=False, is_active=True).first()
