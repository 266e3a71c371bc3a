from __future__ import annotations

import datetime as dt

import pytest

from motcua.core.errors import ApplicationError
from motcua.documents.reuse import document_reuse
from motcua.documents.selectors import (
    document_get,
    document_search,
    documents_for_owner,
    documents_matching,
)
from tests.dossiers import conftest as dossier_world
from tests.dossiers.conftest import World

from .scans import make_document

pytestmark = pytest.mark.django_db
world = dossier_world.world  # the fixture
OWNER = "042098001234"


def test_clerk_sees_documents_digitized_at_their_point_only(world: World) -> None:
    here = make_document(receiving_point=world.office)
    make_document(receiving_point=world.other_office, title="Giấy khai sinh khác")
    assert list(documents_for_owner(user=world.clerk, owner_id_number=OWNER)) == [here]
    assert list(documents_for_owner(user=world.outsider, owner_id_number=OWNER)) == []


def test_agency_sees_documents_used_by_its_dossiers_once_each(world: World) -> None:
    dossier = world.receive()
    document = make_document(kind="Tờ khai")
    assert not documents_for_owner(user=world.specialist, owner_id_number=OWNER).exists()
    document_reuse(document=document, dossier=dossier, component=dossier.components.get(), actor=world.clerk)
    second = world.receive(submission_key="second")
    document_reuse(document=document, dossier=second, component=second.components.get(), actor=world.clerk)
    assert list(documents_for_owner(user=world.specialist, owner_id_number=OWNER)) == [document]
    assert not documents_for_owner(user=world.outsider, owner_id_number=OWNER).exists()


def test_search_ignores_accents_and_case(world: World) -> None:
    found = make_document(receiving_point=world.office, text="Hợp đồng mua bán nhà đất tại Thạch Hà")
    make_document(receiving_point=world.office, title="Sổ hộ khẩu", text="Sổ hộ khẩu gia đình")
    for q in ("hop dong", "HỢP ĐỒNG", "thach ha mua ban", "Thạch"):
        assert list(document_search(user=world.clerk, q=q)) == [found], q
    assert not document_search(user=world.other_clerk, q="hop dong").exists()
    assert list(document_search(user=world.clerk, q="hop dong", owner_id_number="001099000111")) == []


def test_document_out_of_scope_reads_like_absent(world: World) -> None:
    document = make_document(receiving_point=world.office)
    assert document_get(user=world.clerk, uid=document.uid) == document
    for user, uid in ((world.other_clerk, document.uid), (world.clerk, "not-a-uuid")):
        with pytest.raises(ApplicationError) as error:
            document_get(user=user, uid=uid)
        assert error.value.code == "document_not_found"


def test_matching_documents_by_type_or_title_still_valid(world: World) -> None:
    item = world.version.components.get(name="Tờ khai")
    by_kind = make_document(receiving_point=world.office, kind="TỜ KHAI", title="Tờ khai đăng ký")
    by_title = make_document(receiving_point=world.office, kind="Khác", title="to khai")
    make_document(receiving_point=world.office, kind="Tờ khai", title="cũ", valid_until=dt.date(2020, 1, 1))
    make_document(receiving_point=world.office, kind="Giấy khai sinh")
    make_document(receiving_point=world.office, kind="Tờ khai", owner="001099000111")
    matching = documents_matching(owner_id_number=OWNER, version=world.version, user=world.clerk)
    assert set(matching) == {item.pk}
    assert set(matching[item.pk]) == {by_kind, by_title}
    assert documents_matching(owner_id_number=OWNER, version=world.version, user=world.other_clerk) == {}
