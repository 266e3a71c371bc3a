# ruff: noqa: F811 - fixtures imported from pipeline_samples are requested by name
"""An approved dossier's signed result reaches its owner's data store: through the outbox, once."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.files.base import ContentFile

from motcua.core.text import fold
from motcua.documents.models import Document, DocumentOrigin, DocumentUse, UseKind
from motcua.documents.pki import ensure_unit, point_unit
from motcua.documents.services import dossier_result_to_data_store
from motcua.documents.verify import document_verify
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.outbox import outbox_dispatch
from motcua.dossiers.services.act import dossier_act
from tests.dossiers.conftest import world  # noqa: F401 - fixture
from tests.dossiers.transitions_support import advance_to_decision, perform
from tests.signed_results import signed_result

from .pipeline_samples import _pki_dir, media, page, pki  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("pki", "media"),
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed"),
]


def _decision() -> ContentFile:
    buffer = io.BytesIO()
    page(["QUYẾT ĐỊNH", "Về việc công nhận cha, con", "Số 58/QĐ-UBND"]).save(buffer, format="PNG", dpi=(200, 200))
    return ContentFile(buffer.getvalue(), name="quyet-dinh.png")


def test_the_result_goes_to_the_owners_data_store_once_with_the_agencys_signature(world):
    dossier = advance_to_decision(world, perform(world, world.receive(), Action.TRANSFER))
    signed = signed_result(world.committee, "QUYET DINH Ve viec cong nhan cha, con. So 58/QD-UBND")
    dossier_act(
        dossier=dossier,
        actor=world.leader,
        action=Action.APPROVE,
        result_file=ContentFile(signed, name="quyet-dinh.pdf"),
        result_reference="58/QĐ-UBND",
    )
    assert not Document.objects.exists()  # nothing happens in the leader's request

    outbox_dispatch()
    outbox_dispatch()  # delivered again (at least once): still one document

    document = Document.objects.get()
    assert document.origin == DocumentOrigin.RESULT
    assert document.owner_id_number == dossier.applicant_id_number
    assert "58/QĐ-UBND" in document.title and "cong nhan cha" in document.search_text
    with document.file.open("rb") as stored:
        assert stored.read() == signed  # stored as signed: not re-made into PDF/A, not signed again
    verified = document_verify(document)
    assert verified.valid and verified.signer == world.committee.name
    assert document.signer == world.committee.name
    use = DocumentUse.objects.get()
    assert (use.dossier_id, use.kind, use.component) == (dossier.pk, UseKind.RESULT, None)


def test_a_scanned_result_kept_from_before_signatures_were_required_is_digitized_and_signed(world):
    ensure_unit(point_unit(world.office))
    dossier = advance_to_decision(world, perform(world, world.receive(), Action.TRANSFER))
    dossier_act(dossier=dossier, actor=world.leader, action=Action.APPROVE, result_reference="58/QĐ-UBND")
    dossier.result_file.save("quyet-dinh.png", _decision())  # as an older release let it be uploaded
    dossier_result_to_data_store(dossier_id=dossier.pk)

    document = Document.objects.get()
    assert "quyet dinh" in document.search_text and fold("công nhận cha") in document.search_text
    assert document_verify(document).valid


def test_an_approval_without_a_result_document_stores_nothing(world):
    dossier = advance_to_decision(world, perform(world, world.receive(), Action.TRANSFER))
    dossier_act(dossier=dossier, actor=world.leader, action=Action.APPROVE, note="Đồng ý")
    outbox_dispatch()
    assert not Document.objects.exists()
