from __future__ import annotations

import datetime as dt

import pytest

from motcua.core.errors import ApplicationError
from motcua.documents.models import DocumentUse, UseKind
from motcua.documents.reuse import document_reuse, documents_reuse_for_dossier
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


def test_reuses_chosen_at_reception_are_recorded_by_checklist_item(world: World) -> None:
    dossier = world.receive()
    item = world.version.components.get(mandatory=True)
    document = make_document(kind="Tờ khai")
    uses = documents_reuse_for_dossier(dossier=dossier, chosen={item.pk: document, 999999: document}, actor=world.clerk)
    assert [u.component.component_id for u in uses] == [item.pk]
