"""Creating and refreshing a citizen's account from what the identity provider vouched for."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User

from . import errors
from .models import AccountKind, CitizenAccount


@dataclass(frozen=True)
class Identity:
    """A person as an identity provider describes them (after the claims were mapped, docs/citizens.md)."""

    issuer: str
    subject: str
    owner_number: str
    full_name: str
    kind: AccountKind = AccountKind.CITIZEN
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""


@transaction.atomic
def citizen_account_upsert(*, identity: Identity) -> CitizenAccount:
    """The account of ``identity`` (issuer and subject), made on the first sign-in and refreshed on each later one.

    The account's user has no password and no staff assignment: it signs in only through the identity provider
    and opens only the citizens' pages.
    """
    account = (
        CitizenAccount.objects.select_for_update()
        .select_related("user")
        .filter(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    fields = {
        "kind": identity.kind,
        "owner_number": identity.owner_number,
        "full_name": identity.full_name,
        "birth_date": identity.birth_date,
        "phone": identity.phone,
        "email": identity.email,
        "address": identity.address,
        "signed_in_at": timezone.now(),
    }
    if account is None:
        user = User(username=f"citizen-{uuid.uuid4().hex[:20]}", full_name=identity.full_name, email=identity.email)
        user.set_unusable_password()
        user.save()
        return CitizenAccount.objects.create(user=user, issuer=identity.issuer, subject=identity.subject, **fields)
    for name, value in fields.items():
        setattr(account, name, value)
    account.save()
    return account


@transaction.atomic
def citizen_sign_in(*, identity: Identity) -> CitizenAccount:
    """The account a verified sign-in opens: :func:`citizen_account_upsert`, guarded.

    The number is the key to dossiers and documents, so an account made through another provider (another issuer
    or subject) for the same number is never taken over or duplicated: the sign-in is refused
    (``sign_in_number_taken``) and the one-stop centre moves the account by hand. One exception: the embedded
    provider's own identity after the site's address changed (same subject), whose account follows it.
    """
    held = (
        CitizenAccount.objects.filter(owner_number=identity.owner_number)
        .exclude(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    if held is not None and _local_provider_moved(held, identity):
        # The embedded provider names itself after PUBLIC_BASE_URL: when the site's address changes, its issuer does,
        # but its identities (and their subjects) are the same ones. The account follows its own subject.
        held.issuer = identity.issuer
        held.save(update_fields=["issuer"])
    elif held is not None:
        raise errors.sign_in_number_taken()
    return citizen_account_upsert(identity=identity)


def _local_provider_moved(held: CitizenAccount, identity: Identity) -> bool:
    """Whether ``held`` is the same local identity signing in through the local provider under a new address."""
    from .idp.registration import LOCAL_PATH, issuer

    return (
        held.subject == identity.subject
        and identity.issuer == issuer()
        and held.issuer.rstrip("/").endswith(LOCAL_PATH.rstrip("/"))
    )
