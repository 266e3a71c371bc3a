"""What the desk pages need from the engine: one dossier per submission, stale-page refusal, the result
document at approval, who collected the result."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.act import SERVICES, dossier_act, dossier_last_seq
from tests.dossiers.transitions_support import advance_to_decision, perform, reach
from tests.signed_results import _pki_dir, pki, signed_result  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def test_every_action_has_one_service():
    assert set(SERVICES) == set(Action)


def test_the_same_submission_received_twice_is_one_dossier(world):
    first = world.receive(submission_key="a1b2c3")
    again = world.receive(submission_key="a1b2c3")
    assert again.pk == first.pk
    assert Dossier.objects.count() == 1


def test_different_submissions_and_no_key_are_different_dossiers(world):
    codes = {world.receive(submission_key="k1").code, world.receive(submission_key="k2").code, world.receive().code}
    codes.add(world.receive().code)
    assert len(codes) == 4


def test_another_clerk_with_the_same_key_gets_their_own_dossier(world):
    from motcua.dossiers.services.receive import dossier_receive

    mine = world.receive(submission_key="shared")
    theirs = dossier_receive(
        reception=world.reception(receiving_point=world.other_office, submission_key="shared"), actor=world.other_clerk
    )
    assert mine.pk != theirs.pk


def test_an_action_on_the_state_the_page_showed_goes_through(world):
    dossier = perform(world, world.receive(), Action.TRANSFER)
    changed = dossier_act(
        dossier=dossier,
        actor=world.specialist,
        action="request_supplement",
        expected_seq=dossier_last_seq(dossier=dossier),
        items=["Bản sao sổ hộ khẩu"],
        reason="Thiếu giấy tờ",
    )
    assert changed.status == Status.SUPPLEMENT_REQUESTED


def test_an_action_from_a_stale_page_is_refused_and_changes_nothing(world):
    dossier = world.receive()
    seen = dossier_last_seq(dossier=dossier)
    perform(world, dossier, Action.TRANSFER)  # someone else acted after the page was opened
    events = DossierEvent.objects.filter(dossier=dossier).count()
    with pytest.raises(ApplicationError) as raised:
        dossier_act(
            dossier=dossier, actor=world.clerk, action=Action.REFUSE, expected_seq=seen, reasons="Sai thẩm quyền"
        )
    assert raised.value.code == "dossier_changed"
    assert dossier.code in raised.value.messages()["vi"] and dossier.code in raised.value.messages()["en"]
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROCESS
    assert DossierEvent.objects.filter(dossier=dossier).count() == events


@pytest.mark.usefixtures("pki")
def test_approval_keeps_the_signed_result_document_and_its_number(world):
    dossier = advance_to_decision(world, perform(world, world.receive(), Action.TRANSFER))
    signed = signed_result(world.committee)
    upload = ContentFile(signed, name="giay-phep.pdf")
    approved = dossier_act(
        dossier=dossier, actor=world.leader, action=Action.APPROVE, result_file=upload, result_reference="125/GP-UBND"
    )
    approved.refresh_from_db()
    assert approved.result_reference == "125/GP-UBND"
    assert approved.result_file.name.startswith(f"dossiers/{dossier.code}/")
    with approved.result_file.open("rb") as stored:
        assert stored.read() == signed
    event = DossierEvent.objects.get(dossier=dossier, action="approve")
    assert event.payload == {"result_file": approved.result_file.name, "result_reference": "125/GP-UBND"}
    approved.result_file.delete(save=False)


def test_returning_at_the_counter_records_who_collected_the_result(world):
    dossier = reach(world, Status.RESULT_AT_COUNTER)
    returned = dossier_act(
        dossier=dossier,
        actor=world.clerk,
        action=Action.RETURN_RESULT,
        collector_name="Trần Thị Bình",
        collector_id_number="042098005678",
        identity_checked=True,
        collector_relation="vợ",
        collector_authorization="Giấy ủy quyền chứng thực ngày 20/11/2026",
    )
    assert returned.status == Status.RETURNED
    event = DossierEvent.objects.get(dossier=dossier, action="return_result")
    assert event.payload == {
        "collector_name": "Trần Thị Bình",
        "collector_id_number": "042098005678",
        "identity_checked": True,
        "collector_relation": "vợ",
        "collector_authorization": "Giấy ủy quyền chứng thực ngày 20/11/2026",
    }


def test_a_malformed_collector_id_number_is_refused(world):
    dossier = reach(world, Status.RESULT_AT_COUNTER)
    with pytest.raises(ApplicationError) as raised:
        dossier_act(
            dossier=dossier,
            actor=world.clerk,
            action=Action.RETURN_RESULT,
            collector_name="Trần Thị Bình",
            collector_id_number="12AB",
            identity_checked=True,
        )
    assert raised.value.code == "dossier_invalid_id_number"
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_AT_COUNTER
