"""The local identity provider: an OpenID Connect provider inside motcua, offline (docs/citizens.md).

The embedded tier's stand-in for the national provider, and the one development and tests sign in with. It
keeps its own identities and its own session keys, and never signs anybody into Django: the relying party
(``motcua.citizens.oidc``) does that after verifying the provider's id token, as it would for any provider.
Mounted at ``/dinh-danh-thu/`` and answering only while ``CITIZEN_OIDC_PROVIDER`` is ``local`` (404 otherwise).
"""
