"""Reuse of a stored document for a new dossier: linked, not scanned again, and recorded for the indicators."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.core.localtime import local_date
from motcua.core.text import fold
from motcua.dossiers.models import Dossier, DossierComponent

from . import errors
from .models import DigitizationJob, Document, DocumentUse, JobStatus, UseKind


@transaction.atomic
def document_reuse(*, document: Document, dossier: Dossier, component: DossierComponent, actor: Any) -> DocumentUse:
    """Link ``document`` to a component of ``dossier`` as reused; once per document and component.

    The component is marked reused and points at the document's public id. Using the same document for the
    same component again answers the use already recorded.
    """
    if component.dossier_id != dossier.pk:
        raise errors.component_not_in_dossier()
    if document.owner_id_number != dossier.applicant_id_number:
        raise errors.document_of_another_owner()
    if document.valid_until is not None and document.valid_until < local_date():
        raise errors.document_expired(valid_until=document.valid_until.strftime("%d/%m/%Y"))
    use, _created = DocumentUse.objects.get_or_create(
        document=document,
        component=component,
        defaults={"dossier": dossier, "kind": UseKind.REUSED, "used_by": actor},
    )
    DossierComponent.objects.filter(pk=component.pk).update(reused=True, document_ref=str(document.uid))
    component.reused, component.document_ref = True, str(document.uid)
    return use


@transaction.atomic
def document_attach_digitized(
    *, document: Document, dossier: Dossier, component: DossierComponent, actor: Any
) -> DocumentUse:
    """Link a document just digitized for ``component``: the paper is marked digitized; once per document."""
    if component.dossier_id != dossier.pk:
        raise errors.component_not_in_dossier()
    # A batch job records its documents on the dossier without a paper; the paper is filled in here.
    loose = DocumentUse.objects.filter(document=document, dossier=dossier, component__isnull=True).first()
    if loose is not None and not DocumentUse.objects.filter(document=document, component=component).exists():
        loose.component = component
        loose.save(update_fields=["component"])
    use, _created = DocumentUse.objects.get_or_create(
        document=document,
        component=component,
        defaults={"dossier": dossier, "kind": UseKind.DIGITIZED, "used_by": actor},
    )
    if fold(document.kind) != fold(component.name):
        # A batch scan is typed by its place in the dossier: the paper it filled names it, so a later
        # reception of the same person finds it for the same paper.
        Document.objects.filter(pk=document.pk).update(kind=component.name[:120], title=component.name[:500])
        document.kind, document.title = component.name[:120], component.name[:500]
    ref = component.document_ref or str(document.uid)
    DossierComponent.objects.filter(pk=component.pk).update(digitized=True, document_ref=ref)
    component.digitized, component.document_ref = True, ref
    return use


@transaction.atomic
def digitization_job_attach(*, job: DigitizationJob, actor: Any) -> list[DocumentUse]:
    """Attach a finished job's documents to its dossier: all to the job's component, or, for a batch cut at
    separator sheets, one document per paper in the dossier's order, skipping papers already reused or
    digitized. Safe to call again: uses are recorded once."""
    if job.status != JobStatus.DONE or job.dossier is None:
        return []
    dossier = job.dossier
    documents = list(job.documents.order_by("pk"))
    if job.component is not None:
        pairs = [(document, job.component) for document in documents]
    else:
        attached = set(
            DocumentUse.objects.filter(document__in=documents, component__isnull=False).values_list(
                "document_id", flat=True
            )
        )
        waiting = [d for d in documents if d.pk not in attached]
        free = dossier.components.filter(reused=False, digitized=False).order_by("id")
        pairs = list(zip(waiting, free, strict=False))
    return [
        document_attach_digitized(document=document, dossier=dossier, component=component, actor=actor)
        for document, component in pairs
    ]


def dossier_paper_document_keep(
    dossier: Dossier, paper: DossierComponent, document: Document, reused: bool, actor: Any
) -> DocumentUse:
    """What a reception does with a paper's data-store document (registered with the reception service): reuse it,
    or attach it as the paper's scan."""
    if reused:
        return document_reuse(document=document, dossier=dossier, component=paper, actor=actor)
    return document_attach_digitized(document=document, dossier=dossier, component=paper, actor=actor)
