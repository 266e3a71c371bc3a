"""The national record as a table against the lifecycle's actions: each action's history entry gives the national
status code, and fills the times the national index scores exactly when it should."""

from __future__ import annotations

import pytest

from motcua.dossiers.lifecycle import NATIONAL_CHANNEL_CODE, NATIONAL_STATUS_CODE, Action, Channel, Status
from motcua.dossiers.models import DossierComponent, ReturnMethod
from motcua.national.record import national_record
from motcua.national.simulator import record_problems
from tests.dossiers.transitions_support import perform, reach

pytestmark = pytest.mark.django_db

# action: (state it is taken from, national status, processing ended?, returned?, refused?, supplement requests)
TABLE = {
    "receive": (None, 2, False, False, False, 0),
    Action.REFUSE: (Status.RECEIVED, 3, True, False, True, 0),
    Action.TRANSFER: (Status.RECEIVED, 4, False, False, False, 0),
    Action.ASSIGN_STEP: (Status.IN_PROCESS, 4, False, False, False, 0),
    Action.COMPLETE_STEP: (Status.IN_PROCESS, 4, False, False, False, 0),
    Action.REQUEST_SUPPLEMENT: (Status.IN_PROCESS, 5, False, False, False, 1),
    Action.RECEIVE_SUPPLEMENT: (Status.SUPPLEMENT_REQUESTED, 4, False, False, False, 1),
    Action.REQUEST_OBLIGATION: (Status.IN_PROCESS, 6, False, False, False, 0),
    Action.MEET_OBLIGATION: (Status.OBLIGATION_REQUESTED, 4, False, False, False, 0),
    Action.WITHDRAW: (Status.RECEIVED, 7, True, False, False, 0),
    Action.STOP: (Status.SUPPLEMENT_REQUESTED, 8, True, False, False, 1),
    Action.APPROVE: (Status.IN_PROCESS, 9, True, False, False, 0),
    Action.REJECT: (Status.IN_PROCESS, 9, True, False, False, 0),
    Action.SEND_RESULT_TO_COUNTER: (Status.APPROVED, 9, True, False, False, 0),
    Action.SEND_RESULT_TO_POST: (Status.APPROVED, 9, True, False, False, 0),
    Action.RETURN_RESULT: (Status.RESULT_AT_COUNTER, 10, True, True, False, 0),
    Action.EXTEND: (Status.IN_PROCESS, 4, False, False, False, 0),
    Action.RETURN_TO_COUNTER: (Status.RESULT_WITH_POST, 9, True, False, False, 0),
}


def test_the_table_covers_every_action_of_the_lifecycle():
    assert set(TABLE) == {"receive", *Action}


@pytest.mark.parametrize("action", list(TABLE), ids=str)
def test_each_action_maps_to_its_national_status_and_times(world, action):
    source, status, ended, returned, refused, supplements = TABLE[action]
    if source is None:
        dossier = world.receive()
    else:
        by_post = {"return_method": ReturnMethod.POST, "return_address": "12 Trần Phú"}
        dossier = perform(
            world, reach(world, source, **(by_post if action == Action.SEND_RESULT_TO_POST else {})), action
        )
    event = dossier.events.order_by("-seq").first()
    assert event.action == str(action)

    record = national_record(dossier=dossier, event=event)

    assert record["TrangThaiHoSo"] == status == NATIONAL_STATUS_CODE[dossier.status]
    assert record["KenhThucHien"] == NATIONAL_CHANNEL_CODE[dossier.channel]
    assert record["SoThuTu"] == event.seq
    assert record["MaHoSo"] == dossier.code
    assert record["NgayTiepNhan"].endswith("+07:00")
    assert record["NgayHenTra"] is not None
    assert (record["NgayKetThucXuLy"] is not None) is ended
    assert (record["NgayTra"] is not None) is returned
    assert (record["NgayTuChoi"] is not None) is refused
    assert record["SoLanYeuCauBoSung"] == supplements == len(record["DanhSachHoSoBoSung"])
    assert record["DuocThanhToanTrucTuyen"] is None  # online payment does not exist yet
    assert record_problems(record) == []  # what motcua builds, the portal accepts


def test_an_online_dossier_with_digitized_and_reused_papers_says_so(world):
    dossier = world.receive(channel=Channel.ONLINE)
    DossierComponent.objects.filter(dossier=dossier).update(digitized=True, reused=True)
    record = national_record(dossier=dossier, event=dossier.events.get(seq=1))
    assert (record["KenhThucHien"], record["HoSoCoThanhPhanSoHoa"], record["DuocTaiSuDung"]) == (2, 1, 1)


def test_a_dossier_without_papers_digitized_sends_zero_flags_and_no_result_link(world):
    dossier = world.receive()
    record = national_record(dossier=dossier, event=dossier.events.get(seq=1))
    assert (record["HoSoCoThanhPhanSoHoa"], record["DuocTaiSuDung"], record["DuongDanTepTinKetQua"]) == (0, 0, None)


def test_an_earlier_entry_rebuilt_later_gives_the_same_status(world):
    dossier = perform(world, reach(world, Status.IN_PROCESS), Action.REQUEST_SUPPLEMENT)
    first = national_record(dossier=dossier, event=dossier.events.get(seq=1))
    assert (first["TrangThaiHoSo"], first["SoLanYeuCauBoSung"], first["NoiDungXuLy"]) == (2, 0, "receive")
