"""Reads of the citizen data store and of digitization, always within what the user may see.

A document is visible to a user when a dossier the user can see uses it, or when it was digitized at
one of the user's receiving points. Outside that scope a document reads exactly like an absent one.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.agencies.roles import DIGITIZING_ROLES
from motcua.agencies.selectors import receiving_points_for, user_has_role
from motcua.core.localtime import local_date
from motcua.core.text import fold
from motcua.dossiers.permissions import may_search
from motcua.dossiers.selectors import dossier_list_for_user
from motcua.procedures.models import ProcedureVersion

from . import errors
from .consent import data_store_consent_answer, reuse_needs_consent
from .models import DigitizationJob, Document, DocumentUse

__all__ = [
    "digitization_job_get",
    "document_get",
    "document_search",
    "document_uses",
    "documents_for_owner",
    "documents_matching",
    "documents_visible",
    "job_progress",
    "user_may_digitize",
]

SEARCH_WORDS = 8
MATCH_CANDIDATES = 200


def documents_visible(*, user: Any) -> QuerySet[Document]:
    """Every document the user may see, newest first: those serving a dossier whose content the user may open
    (docs/access.md, "Need to know"), and those digitized at the user's receiving points."""
    dossiers = dossier_list_for_user(user=user, content=True).values("pk")
    points = receiving_points_for(user=user).values("pk")
    # Through a sub-select, so that several uses of one document do not repeat it.
    visible = Document.objects.filter(Q(uses__dossier__in=dossiers) | Q(receiving_point__in=points)).values("pk")
    return Document.objects.filter(pk__in=visible).select_related("receiving_point", "created_by")


def documents_for_owner(*, user: Any, owner_id_number: str) -> QuerySet[Document]:
    """The owner's documents (ID number or tax code) the user may see, newest first."""
    return documents_visible(user=user).filter(owner_id_number=owner_id_number.strip())


def document_search(*, user: Any, q: str, owner_id_number: str = "") -> QuerySet[Document]:
    """Documents whose recognized text or title holds every word of ``q``, accents and case ignored. None for a
    user who may not search (a postman: ``dossiers.permissions.may_search``)."""
    if not may_search(user=user):
        return Document.objects.none()
    documents = documents_visible(user=user)
    if owner_id_number.strip():
        documents = documents.filter(owner_id_number=owner_id_number.strip())
    for word in fold(q).split()[:SEARCH_WORDS]:
        # The title is searched as stored too, for documents whose text for search left it out.
        documents = documents.filter(Q(search_text__contains=word) | Q(title__icontains=word) | Q(number=word))
    return documents


def _uuid(uid: uuid.UUID | str) -> uuid.UUID | None:
    try:
        return uid if isinstance(uid, uuid.UUID) else uuid.UUID(str(uid))
    except ValueError:
        return None


def document_get(*, user: Any, uid: uuid.UUID | str) -> Document:
    """One document in the user's scope; out of scope reads like absent."""
    key = _uuid(uid)
    document = documents_visible(user=user).filter(uid=key).first() if key else None
    if document is None:
        raise errors.document_not_found()
    return document


def document_uses(*, user: Any, document: Document) -> QuerySet[DocumentUse]:
    """Where the document served, limited to the dossiers the user may see."""
    return (
        document.uses.filter(dossier__in=dossier_list_for_user(user=user).values("pk"))
        .select_related("dossier", "component", "used_by")
        .order_by("-used_at")
    )


def _satisfies(document: Document, wanted: str) -> bool:
    return wanted in (fold(document.kind), fold(document.title))


def documents_matching(
    *, owner_id_number: str, version: ProcedureVersion, user: Any, points: Any = None
) -> dict[int, list[Document]]:
    """For each component of the procedure version (by its id), the owner's stored documents that satisfy it:
    same type or same title as the component's name (accents and case ignored) and still valid today.

    With ``DATA_STORE_REUSE_NEEDS_CONSENT`` on, none unless the owner consented for the receiving point
    (``points``; by default the user's points: docs/my-dossiers.md, "Consent")."""
    if reuse_needs_consent():
        at = receiving_points_for(user=user) if points is None else points
        if not data_store_consent_answer(owner_id_number=owner_id_number.strip(), points=at).granted:
            return {}
    today = local_date()
    candidates = list(
        documents_for_owner(user=user, owner_id_number=owner_id_number)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("-created_at")[:MATCH_CANDIDATES]
    )
    matching: dict[int, list[Document]] = {}
    for component in version.components.all():
        wanted = fold(component.name)
        found = [document for document in candidates if _satisfies(document, wanted)]
        if found:
            matching[component.pk] = found
    return matching


def digitization_job_get(*, user: Any, uid: uuid.UUID | str) -> DigitizationJob:
    """A digitization job the user started, or one for a dossier or at a receiving point the user may see."""
    dossiers = dossier_list_for_user(user=user, content=True).values("pk")
    points = receiving_points_for(user=user).values("pk")
    scope = Q(created_by=user) | Q(dossier__in=dossiers) | Q(receiving_point__in=points)
    key = _uuid(uid)
    job = DigitizationJob.objects.filter(scope, uid=key).select_related("dossier").first() if key else None
    if job is None:
        raise errors.job_not_found()
    return job


STEP_LABELS = {
    "validate": _("checking the files"),
    "combine": _("putting the pages together"),
    "ocr": _("recognizing the text"),
    "sign": _("signing"),
    "store": _("storing"),
}


def job_progress(job: DigitizationJob) -> dict[str, Any]:
    """What a progress bar needs: status, step, pages done of total, percent, and the error in the active
    language (the stored message is "Vietnamese / English"; the half for the language is picked)."""
    percent = 100 if job.status == "done" else (round(100 * job.pages_done / job.pages_total) if job.pages_total else 0)
    return {
        "uid": str(job.uid),
        "status": job.status,
        "status_display": str(job.get_status_display()),
        "step": job.step,
        "step_display": str(STEP_LABELS.get(job.step, job.step)),
        "pages_done": job.pages_done,
        "pages_total": job.pages_total,
        "percent": percent,
        "error_code": job.error_code,
        "error": _in_language(job.error_message) if job.status == "failed" else "",
        "documents": [str(uid) for uid in job.documents.values_list("uid", flat=True)] if job.status == "done" else [],
    }


def _in_language(message: str) -> str:
    vi, sep, en = message.partition(" / ")
    if not sep:
        return message
    return vi if (get_language() or "vi").startswith("vi") else en


def document_uids_by_component(*, dossier: Any) -> dict[int, str]:
    """The stored document of each paper of ``dossier`` that has one (digitized or reused), by paper id."""
    uses = DocumentUse.objects.filter(dossier=dossier, component__isnull=False).order_by("used_at")
    return {component: str(uid) for component, uid in uses.values_list("component_id", "document__uid")}


def user_may_digitize(*, user: Any) -> bool:
    """Whether ``user`` may digitize a dossier's papers: counter work (the desk offers the panel only then,
    and ``digitization_job_create`` refuses anyone else)."""
    return bool(getattr(user, "is_authenticated", False)) and user_has_role(user=user, roles=DIGITIZING_ROLES)
