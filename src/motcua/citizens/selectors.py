"""What a signed-in citizen may read: their account, their own dossiers and their own documents.

Every citizen page reads through these. A dossier or a document of somebody else answers exactly like one that
does not exist (``None``, and the views turn that into 404), so changing a code in a URL reveals nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from motcua.documents.models import Document
from motcua.dossiers.models import Dossier

from .models import CitizenAccount


def citizen_account(user: Any) -> CitizenAccount | None:
    """The user's citizen account, or ``None`` for an anonymous visitor or a staff member."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.citizen  # type: ignore[no-any-return]
    except CitizenAccount.DoesNotExist:
        return None


def citizen_dossiers(account: CitizenAccount) -> QuerySet[Dossier]:
    """The dossiers the account's holder applied for (real work only: never a training point's)."""
    return Dossier.objects.real().filter(applicant_id_number=account.owner_number)


def citizen_dossier(account: CitizenAccount, code: str) -> Dossier | None:
    """One of the holder's own dossiers by its code, or ``None`` (not theirs or no such code: the same answer)."""
    return citizen_dossiers(account).filter(code=code).first()


def citizen_documents(account: CitizenAccount) -> QuerySet[Document]:
    """The documents the data store holds for the account's holder."""
    return Document.objects.filter(owner_id_number=account.owner_number)
