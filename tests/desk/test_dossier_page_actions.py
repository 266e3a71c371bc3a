"""Acting from the dossier page: every path the agency uses, stale pages, refusals, and errors that keep
what was typed."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from time_machine import travel

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, StepStatus
from motcua.dossiers.services.act import dossier_last_seq
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import advance_to_decision, perform
from tests.signed_results import _pki_dir, pki, signed_result  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

NOW = at("02/12/2026 10:00")


def _in_process(world, received: str = "01/12/2026 09:00") -> Dossier:
    with travel(at(received), tick=False):
        return perform(world, world.receive(received_at=at(received)), Action.TRANSFER)


def _post(client, user, dossier, action: str, data: dict | None = None, *, seq: int | None = None, **headers):
    client.force_login(user)
    payload = {"expected_seq": dossier_last_seq(dossier=dossier) if seq is None else seq, **(data or {})}
    with travel(NOW, tick=False):
        return client.post(reverse("desk:dossier_action", args=[dossier.code, action]), payload, headers=headers)


def _follow(client, response) -> str:
    with travel(NOW, tick=False):
        return client.get(response["Location"]).content.decode()


def _page_url(dossier) -> str:
    return reverse("desk:dossier", args=[dossier.code])


def _reload(dossier) -> Dossier:
    return Dossier.objects.get(pk=dossier.pk)


# --- each path -------------------------------------------------------------------------------------------------


def test_request_a_supplement_listing_what_is_missing_then_print_slip_02(client, world):
    dossier = _in_process(world)
    response = _post(
        client,
        world.specialist,
        dossier,
        "request_supplement",
        {"items": "Bản sao sổ hộ khẩu\n\n- Giấy xác nhận cư trú\n", "reason": "Thiếu giấy tờ chứng minh cư trú"},
    )
    assert response.status_code == 302 and response["Location"] == _page_url(dossier)
    assert _reload(dossier).status == Status.SUPPLEMENT_REQUESTED
    event = DossierEvent.objects.filter(dossier=dossier).latest("seq")
    assert event.payload["items"] == ["Bản sao sổ hộ khẩu", "Giấy xác nhận cư trú"]
    page = _follow(client, response)
    assert 'class="message message--success"' in page
    assert reverse("desk:dossier_slip", args=[dossier.code, "02"]) in page
    assert "<li>Giấy xác nhận cư trú</li>" in page


def test_refuse_at_reception_with_reasons(client, world):
    dossier = world.receive()
    response = _post(client, world.clerk, dossier, "refuse", {"reasons": "Không thuộc thẩm quyền của xã"})
    assert response.status_code == 302
    assert _reload(dossier).status == Status.REFUSED
    assert 'data-slip="03"' in _follow(client, response)


def test_complete_a_step_and_forward_the_next_to_another_agency(client, world):
    dossier = _in_process(world)
    html = _follow(
        client, _post(client, world.specialist, dossier, "assign_step", {"assignee": world.specialist.username})
    )
    assert 'name="next_agency"' in html and 'value="H30.CA"' in html
    response = _post(
        client, world.specialist, dossier, "complete_step", {"note": "Hồ sơ hợp lệ", "next_agency": "H30.CA"}
    )
    assert response.status_code == 302 and response["Location"] == _page_url(dossier)
    step3 = DossierStep.objects.get(dossier=dossier, order=3)
    assert step3.agency == world.police and step3.status == StepStatus.ACTIVE
    assert DossierStep.objects.get(dossier=dossier, order=2).status == StepStatus.DONE


def test_a_hand_over_that_leaves_ones_scope_goes_back_to_the_inbox(client, world):
    dossier = _in_process(world)
    _post(client, world.specialist, dossier, "complete_step", {"next_agency": "H30.CA"})
    response = _post(client, world.police_specialist, dossier, "complete_step", {"note": "Đã xác minh"})
    assert response.status_code == 302 and response["Location"] == reverse("desk:inbox")
    inbox = _follow(client, response)
    assert dossier.code in inbox and "message--info" in inbox
    client.force_login(world.police_specialist)
    assert client.get(_page_url(dossier)).status_code == 404


def test_with_htmx_leaving_ones_scope_loads_the_inbox_whole(client, world):
    dossier = _in_process(world)
    _post(client, world.specialist, dossier, "complete_step", {"next_agency": "H30.CA"})
    response = _post(client, world.police_specialist, dossier, "complete_step", {}, HX_Request="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("desk:inbox")


def test_assign_the_step_to_a_colleague(client, world):
    dossier = _in_process(world)
    response = _post(client, world.leader, dossier, "assign_step", {"assignee": world.specialist.username})
    assert response.status_code == 302
    assert DossierStep.objects.get(dossier=dossier, order=2).assignee == world.specialist


def test_an_assignee_outside_the_step_is_refused_beside_the_field(client, world):
    dossier = _in_process(world)
    response = _post(client, world.leader, dossier, "assign_step", {"assignee": world.police_specialist.username})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_assign_step_assignee_errors"' in html
    assert DossierStep.objects.get(dossier=dossier, order=2).assignee is None


@pytest.mark.usefixtures("pki")
def test_the_leader_approves_with_the_signed_result_which_then_opens(client, world):
    dossier = advance_to_decision(world, _in_process(world))
    html = _follow(client, _post(client, world.leader, dossier, "assign_step", {"assignee": world.leader.username}))
    assert 'enctype="multipart/form-data"' in html
    signed = signed_result(world.committee)
    upload = SimpleUploadedFile("giay-phep.pdf", signed, content_type="application/pdf")
    response = _post(
        client, world.leader, dossier, "approve", {"result_file": upload, "result_reference": "123/GP-UBND"}
    )
    assert response.status_code == 302
    approved = _reload(dossier)
    assert approved.status == Status.APPROVED and approved.result_reference == "123/GP-UBND"
    page = _follow(client, response)
    result_url = reverse("desk:dossier_result", args=[dossier.code])
    assert result_url in page and "123/GP-UBND" in page
    opened = client.get(result_url)
    assert opened.status_code == 200 and b"".join(opened.streaming_content) == signed
    client.force_login(world.outsider)
    assert client.get(result_url).status_code == 404


def test_approval_before_the_other_steps_are_done_is_not_offered_and_the_reason_is_given(client, world):
    dossier = _in_process(world)
    response = _post(client, world.leader, dossier, "approve", {"result_reference": "9/GP"})
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    # The service's own reason, naming the step still open.
    assert "Thẩm định" in shown
    assert _reload(dossier).status == Status.IN_PROCESS


def test_the_leader_rejects_with_a_reason(client, world):
    dossier = _in_process(world)
    response = _post(client, world.leader, dossier, "reject", {"reason": "Không đủ điều kiện cấp phép"})
    assert response.status_code == 302
    assert _reload(dossier).status == Status.NOT_APPROVED


def test_extend_apologises_with_a_new_appointment_and_slip_04(client, world):
    dossier = _in_process(world, "20/11/2026 09:00")
    response = _post(
        client, world.leader, dossier, "extend", {"new_appointment": "2026-12-10T15:00", "reason": "Cần xác minh thêm"}
    )
    assert response.status_code == 302
    extended = _reload(dossier)
    assert extended.extension_reason == "Cần xác minh thêm"
    assert extended.appointment_at == at("10/12/2026 15:00")
    page = _follow(client, response)
    assert reverse("desk:dossier_slip", args=[dossier.code, "04"]) in page
    assert 'data-action="extend"' not in re.sub(r"<li data-seq=.*?</li>", "", page, flags=re.S)  # only once


def test_an_earlier_appointment_is_refused_beside_the_date_and_the_reason_is_kept(client, world):
    dossier = _in_process(world)
    response = _post(
        client, world.leader, dossier, "extend", {"new_appointment": "2026-12-01T08:00", "reason": "Lý do gõ vào"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_extend_new_appointment_errors"' in html
    assert 'aria-invalid="true"' in html
    assert "Lý do gõ vào" in html and 'value="2026-12-01T08:00"' in html
    assert re.search(r'id="action-extend" data-action="extend" open', html)
    assert not _reload(dossier).extension_reason


def test_the_clerk_records_the_supplement_received(client, world):
    dossier = _in_process(world)
    _post(client, world.specialist, dossier, "request_supplement", {"items": "Tờ khai", "reason": "Thiếu"})
    response = _post(client, world.clerk, dossier, "receive_supplement", {"note": "Đã nhận bản bổ sung"})
    assert response.status_code == 302
    assert _reload(dossier).status == Status.IN_PROCESS


# --- errors, stale pages, refusals -----------------------------------------------------------------------------


def test_a_missing_field_is_shown_beside_it_and_everything_typed_is_kept(client, world):
    dossier = _in_process(world)
    response = _post(client, world.specialist, dossier, "request_supplement", {"items": "Bản sao CCCD\nẢnh 4x6"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_request_supplement_reason_errors"' in html
    assert "Bản sao CCCD\nẢnh 4x6" in html
    assert "autofocus" in html
    assert _reload(dossier).status == Status.IN_PROCESS


def test_htmx_gets_the_error_with_a_status_it_swaps(client, world):
    dossier = _in_process(world)
    response = _post(client, world.specialist, dossier, "request_supplement", {"items": "x"}, HX_Request="true")
    assert response.status_code == 200
    assert 'id="id_request_supplement_reason_errors"' in response.content.decode()


def test_an_action_from_a_stale_page_is_refused_and_the_form_kept(client, world):
    """GIVEN a page showing seq 2 WHEN someone else acts and the page is submitted THEN nothing is done, the
    dossier_changed message is shown above the form with the typed values, and a second submission works."""
    dossier = _in_process(world)
    seen = dossier_last_seq(dossier=dossier)
    with travel(NOW, tick=False):
        perform(world, dossier, Action.ASSIGN_STEP)
    data = {"items": "Bản sao giấy khai sinh", "reason": "Thiếu bản sao"}
    response = _post(client, world.specialist, dossier, "request_supplement", data, seq=seen)
    assert response.status_code == 400
    html = response.content.decode()
    assert dossier.code in html and 'id="request_supplement-errors"' in html
    assert "Bản sao giấy khai sinh" in html and "Thiếu bản sao" in html
    assert f'name="expected_seq" value="{seen + 1}"' in html
    assert _reload(dossier).status == Status.IN_PROCESS
    again = _post(client, world.specialist, dossier, "request_supplement", data, seq=seen + 1)
    assert again.status_code == 302 and _reload(dossier).status == Status.SUPPLEMENT_REQUESTED


def test_a_stale_page_for_an_action_no_longer_possible_says_the_dossier_changed(client, world):
    dossier = _in_process(world)
    seen = dossier_last_seq(dossier=dossier)
    with travel(NOW, tick=False):
        perform(world, dossier, Action.REJECT)
    response = _post(client, world.specialist, dossier, "request_supplement", {"items": "x", "reason": "y"}, seq=seen)
    assert response.status_code == 302
    page = _follow(client, response)
    assert "message--error" in page and dossier.code in page
    assert _reload(dossier).status == Status.NOT_APPROVED


def test_an_action_the_user_may_not_take_does_nothing_and_says_so(client, world):
    dossier = _in_process(world)
    before = dossier_last_seq(dossier=dossier)
    response = _post(client, world.specialist, dossier, "approve", {})
    assert response.status_code == 302 and response["Location"] == _page_url(dossier)
    assert "message--error" in _follow(client, response)
    assert dossier_last_seq(dossier=dossier) == before


def test_acting_on_a_dossier_out_of_scope_answers_404_and_does_nothing(client, world):
    dossier = _in_process(world)
    response = _post(client, world.outsider, dossier, "request_supplement", {"items": "x", "reason": "y"})
    assert response.status_code == 404
    assert _reload(dossier).status == Status.IN_PROCESS


def test_an_unknown_action_is_404_and_a_get_is_not_allowed(client, world):
    dossier = _in_process(world)
    assert _post(client, world.specialist, dossier, "teleport", {}).status_code == 404
    client.force_login(world.specialist)
    url = reverse("desk:dossier_action", args=[dossier.code, "request_supplement"])
    assert client.get(url).status_code == 405


def test_an_error_page_in_english_keeps_english(client, world):
    dossier = _in_process(world)
    client.cookies["django_language"] = "en"
    response = _post(client, world.specialist, dossier, "request_supplement", {"items": "x"})
    assert "This field is required." in response.content.decode()


def test_the_one_stop_supervisor_assigns_the_step_to_a_specialist(client, world):
    dossier = _in_process(world)
    client.force_login(world.onestop)
    with travel(NOW, tick=False):
        html = client.get(_page_url(dossier)).content.decode()
    assert 'data-action="assign_step"' in html
    assert f'<option value="{world.specialist.username}">' in html
    assert f'<option value="{world.leader.username}">' not in html  # not the step's role
    response = _post(client, world.onestop, dossier, "assign_step", {"assignee": world.specialist.username})
    assert response.status_code == 302
    assert DossierStep.objects.get(dossier=dossier, order=2).assignee == world.specialist


def test_a_form_without_its_history_number_is_refused_visibly(client, world):
    dossier = _in_process(world)
    client.force_login(world.specialist)
    url = reverse("desk:dossier_action", args=[dossier.code, "request_supplement"])
    with travel(NOW, tick=False):
        response = client.post(url, {"items": "Tờ khai", "reason": "Thiếu"})
    assert response.status_code == 400
    assert 'id="request_supplement-errors"' in response.content.decode()
    assert _reload(dossier).status == Status.IN_PROCESS
