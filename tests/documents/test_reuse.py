from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from motcua.core.errors import ApplicationError
from motcua.documents.models import DocumentUse, UseKind
from motcua.documents.reuse import document_reuse
from motcua.dossiers.models import Dossier, DossierComponent
from motcua.dossiers.services.receive import ReceivedComponent
from tests.dossiers import conftest as dossier_world
from tests.dossiers.conftest import World

from .scans import make_document

pytestmark = pytest.mark.django_db
world = dossier_world.world  # the fixture


def test_reuse_links_the_component_and_records_one_use(world: World) -> None:
    dossier = world.receive()
    paper = dossier.components.get()
    document = make_document(kind="Tờ khai", receiving_point=world.office)

    use = document_reuse(document=document, dossier=dossier, component=paper, actor=world.clerk)

    assert (use.kind, use.dossier, use.component, use.used_by) == (UseKind.REUSED, dossier, paper, world.clerk)
    paper.refresh_from_db()
    assert paper.reused and paper.document_ref == str(document.uid)


def test_reusing_twice_answers_the_same_use(world: World) -> None:
    dossier = world.receive()
    paper = dossier.components.get()
    document = make_document(kind="Tờ khai")
    first = document_reuse(document=document, dossier=dossier, component=paper, actor=world.clerk)
    again = document_reuse(document=document, dossier=dossier, component=paper, actor=world.other_clerk)
    assert first.pk == again.pk
    assert DocumentUse.objects.count() == 1


def test_document_of_another_person_cannot_be_reused(world: World) -> None:
    dossier = world.receive()
    document = make_document(owner="001099000111")
    with pytest.raises(ApplicationError) as error:
        document_reuse(document=document, dossier=dossier, component=dossier.components.get(), actor=world.clerk)
    assert error.value.code == "document_of_another_owner"
    assert not DocumentUse.objects.exists()


def test_expired_document_cannot_be_reused(world: World) -> None:
    dossier = world.receive()
    document = make_document(valid_until=dt.date(2020, 1, 1))
    with pytest.raises(ApplicationError) as error:
        document_reuse(document=document, dossier=dossier, component=dossier.components.get(), actor=world.clerk)
    assert error.value.code == "document_expired"


def test_component_of_another_dossier_is_refused(world: World) -> None:
    dossier, other = world.receive(), world.receive(submission_key="other")
    document = make_document()
    with pytest.raises(ApplicationError) as error:
        document_reuse(document=document, dossier=dossier, component=other.components.get(), actor=world.clerk)
    assert error.value.code == "component_not_in_dossier"


def _papers(world: World, **first) -> list[ReceivedComponent]:
    """The checklist's mandatory paper (with ``first``), and a second paper handed in beside it."""
    item = world.version.components.get(mandatory=True)
    checklist = ReceivedComponent(name=item.name, form=item.form, component_id=item.pk, **first)
    return [checklist, ReceivedComponent(name="Giấy ủy quyền", form="Bản sao")]


def test_a_reception_keeps_its_reused_document_and_its_scan_in_one_call(world: World) -> None:
    document = make_document(kind="Tờ khai")
    papers = _papers(world, reused=True, document_ref=str(document.uid), document=document)
    papers[1] = dataclasses.replace(papers[1], scan=ContentFile(b"%PDF-1.4 scan", name="uy-quyen.pdf"))

    dossier = world.receive(components=papers)

    reused, scanned = dossier.components.order_by("pk")
    assert (reused.reused, reused.document_ref) == (True, str(document.uid))
    assert DocumentUse.objects.get(component=reused).kind == UseKind.REUSED
    assert scanned.digitized and scanned.file.read() == b"%PDF-1.4 scan"


def test_a_refused_reuse_leaves_no_dossier_and_no_scan(world: World) -> None:
    """One transaction: the second paper's expired document undoes the code, the dossier and the first scan."""
    expired = make_document(kind="Giấy ủy quyền", valid_until=dt.date(2020, 1, 1))
    name = f"to-khai-{uuid.uuid4().hex}.pdf"
    papers = _papers(world, scan=ContentFile(b"%PDF-1.4 scan", name=name))
    papers[1] = dataclasses.replace(papers[1], reused=True, document_ref=str(expired.uid), document=expired)

    with pytest.raises(ApplicationError) as error:
        world.receive(components=papers)

    assert error.value.code == "document_expired"
    assert not any(path.name.startswith(name[:-4]) for path in Path(settings.MEDIA_ROOT).rglob("*"))
    assert not Dossier.objects.exists() and not DossierComponent.objects.exists()
    assert not DocumentUse.objects.exists()
