"""Petitions and complaints: filing, deadlines on working days, each step in order, scope, notifications."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import Status
from motcua.feedback.models import Complaint, ComplaintEvent
from motcua.feedback.services import (
    complaint_acknowledge,
    complaint_answer,
    complaint_close,
    complaint_file,
    complaint_refuse,
    complaint_reply,
    complaint_request_info,
    complaints_flag,
)
from motcua.notifications.models import Notification
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import reach
from tests.factories import citizen_account

pytestmark = pytest.mark.django_db

# Wednesday 29/4/2026: 30/4 and 1/5 are public holidays, then a weekend.
FILED = at("29/04/2026 09:00")


def _file(dossier, **extra):
    fields = {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.vn", "category": "handling",
              "subject": "Chậm trả kết quả", "body": "Hồ sơ trễ hẹn hai ngày.", "dossier": dossier}  # fmt: skip
    return complaint_file(**{**fields, **extra}, now=FILED)


def test_deadlines_are_counted_in_working_days_over_holidays_and_the_weekend(world):
    complaint = _file(reach(world, Status.IN_PROCESS))
    assert complaint.ack_due_at == at("05/05/2026 09:00")  # Mon 4/5 and Tue 5/5 are the two working days
    assert complaint.more_info_due_at == at("08/05/2026 09:00")
    assert complaint.answer_due_at == at("22/05/2026 09:00")
    assert complaint.agency == world.committee and complaint.province == world.province
    assert len(complaint.reference) == 14 and complaint.reference.startswith("PA")


def test_the_whole_lifecycle_notifies_the_filer_once_per_step(world):
    complaint = _file(reach(world, Status.IN_PROCESS))
    with time_machine.travel(at("04/05/2026 10:00")):
        complaint_acknowledge(complaint=complaint, user=world.onestop)
        complaint_request_info(complaint=complaint, user=world.onestop, question="Xin số biên nhận")
        complaint_reply(complaint=complaint, account=None, reply="Số 0001")
        complaint_answer(complaint=complaint, user=world.leader, answer="Đã xử lý, xin lỗi ông.")
        complaint_close(complaint=complaint, user=world.onestop)
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.answer == "Đã xử lý, xin lỗi ông."
    actions = list(ComplaintEvent.objects.filter(complaint=complaint).values_list("action", flat=True))
    assert actions == ["file", "acknowledge", "request_info", "reply", "answer", "close"]
    assert all(e.on_time for e in complaint.events.filter(action__in=["acknowledge", "request_info", "answer"]))
    notified = Notification.objects.filter(event="complaint", subject_ref=complaint.reference, channel="email")
    assert notified.count() == 5  # every step but the filer's own reply
    answer = notified.get(topic="complaint.answer")
    assert "Đã xử lý, xin lỗi ông." in answer.body


def test_steps_out_of_order_are_refused_with_a_clear_error(world):
    complaint = _file(reach(world, Status.IN_PROCESS))
    with pytest.raises(ApplicationError) as refused:
        complaint_answer(complaint=complaint, user=world.onestop, answer="Trả lời")
    assert refused.value.code == "complaint_action_refused" and refused.value.status == 409
    with pytest.raises(ApplicationError) as refused:
        complaint_reply(complaint=complaint, account=None, reply="x")
    assert refused.value.code == "complaint_action_refused"
    with pytest.raises(ApplicationError) as refused:
        complaint_refuse(complaint=complaint, user=world.onestop, reason="  ")
    assert refused.value.code == "text_required"
    complaint_refuse(complaint=complaint, user=world.onestop, reason="Không thuộc thẩm quyền")
    with pytest.raises(ApplicationError):
        complaint_acknowledge(complaint=complaint, user=world.onestop)


def test_asking_for_more_after_its_deadline_is_refused_and_a_late_answer_is_recorded_late(world):
    complaint = _file(reach(world, Status.IN_PROCESS))
    with time_machine.travel(at("11/05/2026 09:00")):
        complaint_acknowledge(complaint=complaint, user=world.onestop)
        with pytest.raises(ApplicationError) as refused:
            complaint_request_info(complaint=complaint, user=world.onestop, question="?")
        assert refused.value.code == "complaint_more_info_too_late"
    ack = complaint.events.get(action="acknowledge")
    assert ack.on_time is False


def test_staff_outside_the_scope_cannot_handle_and_do_not_see_it(client, world):
    complaint = _file(reach(world, Status.IN_PROCESS))
    with pytest.raises(ApplicationError) as refused:
        complaint_acknowledge(complaint=complaint, user=world.outsider)
    assert refused.value.code == "complaint_not_handler"
    client.force_login(world.onestop)
    assert complaint.reference in client.get(reverse("feedback:inbox")).content.decode()
    assert client.get(reverse("feedback:complaint", args=[complaint.reference])).status_code == 200
    client.force_login(world.clerk)
    assert client.get(reverse("feedback:inbox")).status_code == 403


def test_the_inbox_takes_a_step_and_refuses_a_step_not_offered(client, world):
    complaint = _file(reach(world, Status.IN_PROCESS))
    client.force_login(world.onestop)
    url = reverse("feedback:complaint", args=[complaint.reference])
    assert client.post(url, {"action": "answer", "text": "Trả lời"}).status_code == 409
    assert client.post(url, {"action": "bribe"}).status_code == 400
    assert client.post(url, {"action": "acknowledge", "text": ""}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "acknowledged"


def test_a_signed_in_citizen_files_sees_and_replies_and_others_get_404(client, world):
    dossier = reach(world, Status.IN_PROCESS)
    owner = citizen_account(owner_number="042098001234", full_name="Nguyễn Văn An", phone="0912345678")
    client.force_login(owner.user)
    data = {
        "category": "handling",
        "dossier": dossier.code,
        "subject": "Chậm",
        "body": "Nội dung",
        "phone": "0912345678",
    }
    response = client.post(reverse("feedback:my_complaint_new"), data)
    assert response.status_code == 302
    complaint = Complaint.objects.get(account=owner)
    assert complaint.dossier == dossier
    assert complaint.reference in client.get(reverse("feedback:my_complaints")).content.decode()
    complaint_acknowledge(complaint=complaint, user=world.onestop)
    complaint_request_info(complaint=complaint, user=world.onestop, question="Xin số biên nhận")
    detail = reverse("feedback:my_complaint", args=[complaint.reference])
    assert client.post(detail, {"text": "Số 0001"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "acknowledged" and complaint.info_reply == "Số 0001"
    other = citizen_account(owner_number="042195001111", full_name="Nguyễn Thị Hạnh")
    client.force_login(other.user)
    assert client.get(detail).status_code == 404
    assert client.get(reverse("feedback:guest_complaint", args=[complaint.reference])).status_code == 404


def test_a_citizen_cannot_file_about_someone_elses_dossier(client, world):
    dossier = reach(world, Status.IN_PROCESS)
    other = citizen_account(owner_number="042195001111", full_name="Nguyễn Thị Hạnh", phone="0900000000")
    client.force_login(other.user)
    data = {"category": "handling", "dossier": dossier.code, "subject": "x", "body": "y", "phone": "0900000000"}
    assert client.post(reverse("feedback:my_complaint_new"), data).status_code == 400
    assert not Complaint.objects.exists()


def test_a_guest_files_with_the_code_and_secret_and_a_wrong_secret_is_refused(client, world):
    dossier = reach(world, Status.IN_PROCESS)
    data = {"name": "An", "phone": "0912345678", "dossier_code": dossier.code, "secret": "WRONG1",
            "category": "conduct", "subject": "Thái độ", "body": "Nhân viên thiếu lịch sự"}  # fmt: skip
    response = client.post(reverse("feedback:guest_complaint_new"), data)
    assert response.status_code == 400 and "form-field__error" in response.content.decode()
    response = client.post(reverse("feedback:guest_complaint_new"), {**data, "secret": dossier.lookup_secret})
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/phan-anh/{complaint.reference}/")
    assert client.get(response["Location"]).status_code == 200


def test_bad_input_gets_a_clear_error_not_a_crash(client, world):
    owner = citizen_account(owner_number="042098001234", full_name="Nguyễn Văn An")
    client.force_login(owner.user)
    url = reverse("feedback:my_complaint_new")
    huge = {"category": "other", "subject": "x", "body": "y" * 20000, "phone": "0912"}
    assert client.post(url, huge).status_code == 400
    assert client.post(url, {**huge, "body": "a\x00b"}).status_code == 400
    assert client.post(url, {"category": "other", "subject": "x", "body": "y", "province": "9" * 40}).status_code == 400
    no_contact = {"category": "other", "subject": "x", "body": "y", "province": str(world.province.pk)}
    response = client.post(url, no_contact)
    assert response.status_code == 400 and "form-field__error" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_complaint_about_no_dossier_goes_to_the_provinces_one_stop_supervisors(world):
    complaint = complaint_file(name="An", phone="0912345678", email="", category="regulation", subject="Quy định",
                               body="Quy định chồng chéo", province=world.province, now=FILED)  # fmt: skip
    complaint_acknowledge(complaint=complaint, user=world.onestop)
    with pytest.raises(ApplicationError):
        complaint_answer(complaint=complaint, user=world.leader, answer="x")


def test_the_watch_flags_near_and_overdue_once(world):
    complaint = _file(reach(world, Status.IN_PROCESS))
    with time_machine.travel(at("04/05/2026 10:00")):
        assert complaints_flag() == 1
        assert complaints_flag() == 0
    complaint.refresh_from_db()
    assert complaint.flag == "near"
    with time_machine.travel(at("06/05/2026 10:00")):
        assert complaints_flag() == 1
        assert complaints_flag() == 0
    complaint.refresh_from_db()
    assert complaint.flag == "overdue"
    assert complaint.events.filter(action="flag").count() == 2
