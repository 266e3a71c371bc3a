"""Citizens' sign-in through OpenID Connect (docs/citizens.md). Part of the base settings: ``motcua.conf.base``
imports everything here after ``motcua.conf.accounts``.

Two providers: ``local``, the identity provider built into motcua (``/dinh-danh-thu/``, offline, for development,
tests and the embedded tier), and ``external``, a national or provincial provider whose endpoints come from the
environment. ``check --deploy`` (``motcua.citizens.checks``) refuses the local one. The relying party is
mozilla-django-oidc; with the local provider its endpoints and client are computed from ``PUBLIC_BASE_URL`` at
run time (``motcua.citizens.oidc.relying_party_setting``), so the ``OIDC_*`` values below are the external ones.
"""

from .accounts import AUTHENTICATION_BACKENDS as _BASE_BACKENDS
from .env import config

_GROUP = "Citizens' sign-in"

CITIZEN_OIDC_PROVIDER = config(
    "CITIZEN_OIDC_PROVIDER",
    default="local",
    help="Who vouches for citizens signing in: `local` (the identity provider built into motcua at "
    "`/dinh-danh-thu/`, with its own test identities; refused by `check --deploy`) or `external` (the provider "
    "whose endpoints the `OIDC_*` variables give, e.g. the national portal's single sign-on to VNeID).",
    group=_GROUP,
)

# The relying party of the local provider never checks a password: only the identity provider does, and every
# account it makes is a citizen's (``motcua.citizens.oidc``). After axes and the staff's ModelBackend.
AUTHENTICATION_BACKENDS = [*_BASE_BACKENDS, "motcua.citizens.oidc.CitizenOIDCBackend"]

OIDC_RP_CLIENT_ID = config(
    "OIDC_RP_CLIENT_ID",
    default="",
    help="External provider: motcua's client id, as the provider registered it.",
    group=_GROUP,
)
OIDC_RP_CLIENT_SECRET = config(
    "OIDC_RP_CLIENT_SECRET",
    default="",
    help="External provider: the client secret the provider issued. Never commit it.",
    group=_GROUP,
)
OIDC_OP_ISSUER = config(
    "OIDC_OP_ISSUER",
    default="",
    help="External provider: its issuer identifier; an id token whose `iss` differs is refused.",
    group=_GROUP,
)
OIDC_OP_AUTHORIZATION_ENDPOINT = config(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", default="", help="External provider: authorization endpoint.", group=_GROUP
)
OIDC_OP_TOKEN_ENDPOINT = config(
    "OIDC_OP_TOKEN_ENDPOINT", default="", help="External provider: token endpoint.", group=_GROUP
)
OIDC_OP_USER_ENDPOINT = config(
    "OIDC_OP_USER_ENDPOINT", default="", help="External provider: userinfo endpoint.", group=_GROUP
)
OIDC_OP_JWKS_ENDPOINT = config(
    "OIDC_OP_JWKS_ENDPOINT",
    default="",
    help="External provider: the JWKS endpoint with the keys that sign its id tokens.",
    group=_GROUP,
)
OIDC_OP_LOGOUT_ENDPOINT = config(
    "OIDC_OP_LOGOUT_ENDPOINT",
    default="",
    help="External provider: its end-session endpoint, where signing out of motcua also signs out of the "
    "provider. Empty: signing out ends motcua's session only.",
    group=_GROUP,
)
OIDC_RP_SIGN_ALGO = config(
    "OIDC_RP_SIGN_ALGO",
    default="RS256",
    help="Algorithm the provider signs id tokens with; a token signed otherwise is refused.",
    group=_GROUP,
)
OIDC_RP_SCOPES = config(
    "OIDC_RP_SCOPES",
    default="openid profile email phone address",
    help="Scopes asked of the provider (space-separated); `openid` is required.",
    group=_GROUP,
)
OIDC_TOKEN_USE_BASIC_AUTH = config(
    "OIDC_TOKEN_USE_BASIC_AUTH",
    default=True,
    cast=bool,
    help="Send the client secret to the token endpoint with HTTP Basic (`client_secret_basic`); off: in the "
    "form body (`client_secret_post`).",
    group=_GROUP,
)
OIDC_USE_PKCE = config(
    "OIDC_USE_PKCE",
    default=True,
    cast=bool,
    help="Send a PKCE S256 challenge with each sign-in (RFC 7636).",
    group=_GROUP,
)
OIDC_TIMEOUT = config(
    "OIDC_TIMEOUT",
    default=10,
    cast=int,
    help="Seconds to wait for the provider's token, JWKS and userinfo endpoints.",
    group=_GROUP,
)
OIDC_STORE_ID_TOKEN = True  # the end-session request names the session by its id token (id_token_hint)
OIDC_AUTHENTICATION_CALLBACK_URL = "citizens:oidc_callback"

# Which claim holds what (docs/citizens.md, "Claims"). VNeID's real claim names are not public: these defaults are
# the local provider's and unverified for any national provider.
CITIZEN_OIDC_CLAIM_ID_NUMBER = config(
    "CITIZEN_OIDC_CLAIM_ID_NUMBER",
    default="id_number",
    help="Claim with the 12-digit personal identification number or the 10/13-digit tax code (unverified for "
    "VNeID: its claim names are not published). A sign-in without a valid number is refused.",
    group=_GROUP,
)
CITIZEN_OIDC_CLAIM_NAME = config(
    "CITIZEN_OIDC_CLAIM_NAME", default="name", help="Claim with the full name.", group=_GROUP
)
CITIZEN_OIDC_CLAIM_BIRTH_DATE = config(
    "CITIZEN_OIDC_CLAIM_BIRTH_DATE",
    default="birthdate",
    help="Claim with the date of birth (`yyyy-mm-dd` or `dd/mm/yyyy`).",
    group=_GROUP,
)
CITIZEN_OIDC_CLAIM_PHONE = config(
    "CITIZEN_OIDC_CLAIM_PHONE", default="phone_number", help="Claim with the phone number.", group=_GROUP
)
CITIZEN_OIDC_CLAIM_EMAIL = config(
    "CITIZEN_OIDC_CLAIM_EMAIL", default="email", help="Claim with the e-mail address.", group=_GROUP
)
CITIZEN_OIDC_CLAIM_ADDRESS = config(
    "CITIZEN_OIDC_CLAIM_ADDRESS",
    default="address",
    help="Claim with the address (text, or an OpenID Connect address object: its `formatted` part).",
    group=_GROUP,
)
CITIZEN_SIGN_IN_MAX_SECONDS = config(
    "CITIZEN_SIGN_IN_MAX_SECONDS",
    default=600,
    cast=int,
    help="A sign-in not completed at the provider within this many seconds is refused as expired.",
    group=_GROUP,
)
CITIZEN_OIDC_CLOCK_SKEW_SECONDS = config(
    "CITIZEN_OIDC_CLOCK_SKEW_SECONDS",
    default=30,
    cast=int,
    help="How far the provider's clock may be off when an id token's `exp` and `iat` are checked.",
    group=_GROUP,
)

CITIZEN_LOCAL_IDP_KEY_FILE = config(
    "CITIZEN_LOCAL_IDP_KEY_FILE",
    default="",
    shown_default="$MOTCUA_VAR_DIR/oidc/local-idp-key.pem",
    help="Local provider: PEM file of its RSA signing key, made on first use (mode 0600) and never served.",
    group=_GROUP,
)
CITIZEN_LOCAL_IDP_CLIENT_SECRET = config(
    "CITIZEN_LOCAL_IDP_CLIENT_SECRET",
    default="",
    help="Local provider: the secret of its one client (motcua itself). Empty: derived from SECRET_KEY.",
    group=_GROUP,
)
CITIZEN_LOCAL_IDP_EXTRA_REDIRECT_URIS = config(
    "CITIZEN_LOCAL_IDP_EXTRA_REDIRECT_URIS",
    default=[],
    cast=list,
    help="Local provider: callback addresses it accepts besides `PUBLIC_BASE_URL` + `/cong-dan/oidc/callback/` "
    "(comma-separated, matched exactly), e.g. `http://localhost:8000/cong-dan/oidc/callback/`.",
    group=_GROUP,
)
CITIZEN_LOCAL_IDP_CODE_SECONDS = config(
    "CITIZEN_LOCAL_IDP_CODE_SECONDS",
    default=60,
    cast=int,
    help="Local provider: seconds an authorization code may be exchanged (once) for tokens.",
    group=_GROUP,
)
CITIZEN_LOCAL_IDP_TOKEN_SECONDS = config(
    "CITIZEN_LOCAL_IDP_TOKEN_SECONDS",
    default=300,
    cast=int,
    help="Local provider: lifetime of its id tokens and access tokens.",
    group=_GROUP,
)
CITIZEN_LOCAL_IDP_FAILURE_LIMIT = config(
    "CITIZEN_LOCAL_IDP_FAILURE_LIMIT",
    default=10,
    cast=int,
    help="Local provider: wrong passwords for one ID number within 15 minutes before it refuses that number "
    "for the rest of the 15 minutes.",
    group=_GROUP,
)


def local_provider_risks(*, provider: str) -> list[str]:
    """Why these settings would let anyone sign in as any citizen; empty when they would not."""
    if provider == "local":
        return [
            "CITIZEN_OIDC_PROVIDER is `local`: the built-in identity provider vouches for test identities with "
            "published passwords."
        ]
    return []
