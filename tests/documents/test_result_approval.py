"""Item 13 at every door: the leader's approval takes only a result PDF whose signature validates — through the
service, the dossier page's form and the REST API — and a refusal changes nothing."""

from __future__ import annotations

import base64

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.act import dossier_act, dossier_last_seq
from tests.api.support import assert_problem
from tests.api.test_dossiers_support import dossier_world, staff_fixture, world_fixture  # noqa: F401 - fixtures
from tests.dossiers.transitions_support import advance_to_decision, perform
from tests.signed_results import _pki_dir, pki, result_pdf, signed_result  # noqa: F401 - fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pki")]


def _at_decision(world) -> Dossier:
    return advance_to_decision(world, perform(world, world.receive(), Action.TRANSFER))


def _unchanged(dossier: Dossier) -> None:
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROCESS and not dossier.result_file
    assert not DossierEvent.objects.filter(dossier=dossier, action="approve").exists()


def test_the_service_keeps_a_result_signed_by_the_agency(world):
    dossier = _at_decision(world)
    signed = signed_result(world.committee)
    approved = dossier_act(
        dossier=dossier,
        actor=world.leader,
        action=Action.APPROVE,
        result_file=ContentFile(signed, name="quyet-dinh.pdf"),
        result_reference="58/QĐ-UBND",
    )
    assert approved.status == Status.APPROVED
    with approved.result_file.open("rb") as stored:
        assert stored.read() == signed  # kept byte for byte: the agency's signature still holds
    approved.result_file.delete(save=False)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x89PNG\r\n\x1a\n not a pdf", "document_result_not_pdf"),
        (None, "document_result_unsigned"),
    ],
)
def test_the_service_refuses_a_result_that_is_not_a_signed_pdf(world, content, code):
    dossier = _at_decision(world)
    upload = ContentFile(content or result_pdf(), name="quyet-dinh.pdf")
    with pytest.raises(ApplicationError) as raised:
        dossier_act(dossier=dossier, actor=world.leader, action=Action.APPROVE, result_file=upload)
    assert raised.value.code == code
    _unchanged(dossier)


def test_the_dossier_page_shows_the_refusal_beside_the_file_field(client, world):
    dossier = _at_decision(world)
    client.force_login(world.leader)
    upload = SimpleUploadedFile("quyet-dinh.pdf", result_pdf(), content_type="application/pdf")
    response = client.post(
        reverse("desk:dossier_action", args=[dossier.code, "approve"]),
        {"expected_seq": dossier_last_seq(dossier=dossier), "result_file": upload, "result_reference": "58/QĐ-UBND"},
        headers={"Accept-Language": "vi"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_approve_result_file_errors"' in html
    assert "chưa có chữ ký số" in html  # the Vietnamese message, beside the field
    assert 'accept=".pdf,application/pdf"' in html
    _unchanged(dossier)


def test_the_dossier_page_refuses_a_forged_signature(client, world, settings, tmp_path):
    dossier = _at_decision(world)
    trusted = settings.DIGITIZATION_PKI_DIR
    settings.DIGITIZATION_PKI_DIR = tmp_path / "forger"  # a look-alike CA with the same names
    forged = signed_result(world.committee)
    settings.DIGITIZATION_PKI_DIR = trusted
    client.force_login(world.leader)
    response = client.post(
        reverse("desk:dossier_action", args=[dossier.code, "approve"]),
        {
            "expected_seq": dossier_last_seq(dossier=dossier),
            "result_file": SimpleUploadedFile("quyet-dinh.pdf", forged, content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert 'id="id_approve_result_file_errors"' in response.content.decode()
    _unchanged(dossier)


def _file(content: bytes) -> dict:
    return {"name": "quyet-dinh.pdf", "content_base64": base64.b64encode(content).decode()}


def test_the_api_approves_with_a_signed_result_sent_as_base64(staff, world):
    dossier = _at_decision(world)
    signed = signed_result(world.committee)
    body = staff.leader.act_ok(dossier.code, "approve", {"result_file": _file(signed), "result_reference": "58"})
    assert body["status"] == "approved"
    dossier.refresh_from_db()
    with dossier.result_file.open("rb") as stored:
        assert stored.read() == signed
    dossier.result_file.delete(save=False)


def test_the_api_refuses_unsigned_and_broken_results_with_bilingual_problems(staff, world):
    dossier = _at_decision(world)
    unsigned = assert_problem(
        staff.leader.act(dossier.code, "approve", {"result_file": _file(result_pdf())}),
        status=422,
        code="document_result_unsigned",
    )
    assert "digital signature" in unsigned["messages"]["en"] and "chữ ký số" in unsigned["messages"]["vi"]
    broken = bytearray(signed_result(world.committee))
    broken[broken.index(b"QUYET")] ^= 0x01
    assert_problem(
        staff.leader.act(dossier.code, "approve", {"result_file": _file(bytes(broken))}),
        status=422,
        code="document_result_signature_broken",
    )
    assert_problem(
        staff.leader.act(dossier.code, "approve", {"result_file": _file(b"GIF89a not a pdf")}),
        status=415,
        code="document_result_not_pdf",
    )
    bad = assert_problem(
        staff.leader.act(dossier.code, "approve", {"result_file": {"name": "a.pdf", "content_base64": "%%%"}}),
        status=422,
        code="validation_failed",
    )
    assert bad["errors"][0]["loc"][-2:] == ["result_file", "content_base64"]
    _unchanged(dossier)
