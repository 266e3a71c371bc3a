"""Each event of a dossier makes the right messages per channel and language, read as text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.services import transitions as t
from motcua.dossiers.slips.context import public_lookup_url
from motcua.notifications.models import ContactPreference, Notification, NotificationStatus, SimulatedMessage
from motcua.notifications.texts import SMS_CONTENT_LIMIT
from tests.dossiers.transitions_support import perform, reach

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db


def _latest(dossier, channel: str) -> Notification:
    return Notification.objects.filter(dossier=dossier, channel=channel).order_by("-id").first()


def test_reception_tells_the_applicant_on_each_channel_in_vietnamese(received, deliver):
    deliver()
    rows = Notification.objects.filter(dossier=received, topic="dossier.receive")
    assert {n.channel for n in rows} == {"email", "sms", "zalo"}
    assert {n.status for n in rows} == {NotificationStatus.SENT}
    email = rows.get(channel="email")
    assert email.recipient == "an.nguyen@example.vn" and email.recipient_masked == "a***@example.vn"
    assert email.subject == f"Hồ sơ {received.code} đã được tiếp nhận"
    assert "Kính gửi ông/bà Nguyễn Văn An" in email.body
    assert (
        "Ngày hẹn trả kết quả: " + timezone.localtime(received.appointment_at).strftime("%H:%M %d/%m/%Y") in email.body
    )
    assert public_lookup_url(received) in email.body and "/thong-bao/tuy-chon/" in email.body
    # the e-mail went through Django's backend (locmem in the tests), once
    assert [m.to for m in mail.outbox] == [["an.nguyen@example.vn"]]
    assert mail.outbox[0].subject == email.subject
    sms = SimulatedMessage.objects.get(channel="sms")
    assert sms.to == "0912345678"
    assert sms.body.startswith(f"Ho so {received.code} da duoc tiep nhan. Hen tra ")
    zalo = SimulatedMessage.objects.get(channel="zalo")
    assert zalo.body.startswith(f"Hồ sơ {received.code} đã được tiếp nhận.")


def test_a_contact_who_chose_english_reads_english(world, deliver):
    ContactPreference.objects.create(contact="0912345678", language="en")
    dossier = world.receive(applicant=APPLICANT)
    deliver()
    sms = _latest(dossier, "sms")
    assert sms.language == "en"
    assert sms.body.startswith(f"Dossier {dossier.code} has been received and registered. Result due ")
    assert _latest(dossier, "email").language == "vi"  # the e-mail address chose nothing


def test_supplement_request_says_what_is_missing_and_where_to_bring_it(world, deliver):
    dossier = reach(world, Status.IN_PROCESS, applicant=APPLICANT)
    t.dossier_request_supplement(
        dossier=dossier, actor=world.specialist, items=["Bản sao giấy khai sinh", "Ảnh 4x6"], reason="Thiếu giấy tờ"
    )
    deliver()
    email = Notification.objects.get(dossier=dossier, topic="dossier.request_supplement", channel="email")
    assert email.event == "supplement"
    assert email.subject == f"Hồ sơ {dossier.code} cần bổ sung giấy tờ"
    assert "  - Bản sao giấy khai sinh\n  - Ảnh 4x6\n" in email.body
    assert "Lý do: Thiếu giấy tờ" in email.body
    assert f"Nộp bổ sung tại: {world.office.name}, {world.office.address}" in email.body
    sms = Notification.objects.get(dossier=dossier, topic="dossier.request_supplement", channel="sms")
    assert sms.body.startswith(f"Ho so {dossier.code} can bo sung: Ban sao giay khai sinh, Anh 4x6. Nop tai Buu cuc")


def test_new_appointment_apologises_with_the_new_date(world, deliver):
    dossier = reach(world, Status.IN_PROCESS, applicant=APPLICANT)
    new = dossier.appointment_at + dt.timedelta(days=7)
    dossier = t.dossier_extend(dossier=dossier, actor=world.onestop, new_appointment=new, reason="Cần xác minh thêm")
    deliver()
    email = Notification.objects.get(dossier=dossier, topic="dossier.extend", channel="email")
    when = timezone.localtime(dossier.appointment_at).strftime("%H:%M %d/%m/%Y")
    assert email.event == "appointment"
    assert email.subject == f"Hồ sơ {dossier.code}: hẹn trả kết quả mới {when}"
    assert "thành thật xin lỗi" in email.body and "(mẫu 04)" in email.body and "Lý do: Cần xác minh thêm" in email.body


def test_result_ready_says_where_to_collect(world, deliver):
    dossier = reach(world, Status.RESULT_AT_COUNTER, applicant=APPLICANT)
    deliver()
    zalo = Notification.objects.get(dossier=dossier, topic="dossier.send_result_to_counter", channel="zalo")
    assert zalo.event == "result_ready"
    assert zalo.body.startswith(f"Hồ sơ {dossier.code} đã có kết quả.\nNhận tại: {world.office.name}")


def test_every_status_change_is_told_in_plain_words(world, deliver):
    dossier = reach(world, Status.RECEIVED, applicant=APPLICANT)
    dossier = perform(world, dossier, Action.TRANSFER)
    dossier = perform(world, dossier, Action.REQUEST_OBLIGATION)
    deliver()
    bodies = {n.topic: n.body for n in Notification.objects.filter(dossier=dossier, channel="email", language="vi")}
    assert (
        f"Hồ sơ {dossier.code} ({dossier.procedure_version.procedure.name}) đang được cơ quan giải quyết."
        in (bodies["dossier.transfer"])
    )
    assert "đang chờ ông/bà thực hiện nghĩa vụ tài chính" in bodies["dossier.request_obligation"]
    assert "Số tiền cần nộp: " in bodies["dossier.request_obligation"] and "₫" in bodies["dossier.request_obligation"]


def test_internal_steps_tell_the_applicant_nothing(world, deliver):
    dossier = reach(world, Status.IN_PROCESS, applicant=APPLICANT)
    perform(world, dossier, Action.COMPLETE_STEP)
    deliver()
    assert not Notification.objects.filter(topic="dossier.complete_step").exists()


def test_sms_content_fits_one_message_even_with_long_names(world, deliver, settings):
    world.office.name = "Bưu cục văn hóa xã " + "rất dài " * 25
    world.office.save()
    dossier = reach(world, Status.IN_PROCESS, applicant=APPLICANT)
    t.dossier_request_supplement(dossier=dossier, actor=world.specialist, items=["Giấy tờ " * 40], reason="x")
    deliver()
    for sms in Notification.objects.filter(dossier=dossier, channel="sms"):
        content, _, link = sms.body.partition("\n")
        assert len(content) <= SMS_CONTENT_LIMIT, content
        assert content.isascii()
        assert "/thong-bao/tuy-chon/" in link


def test_sms_keeps_its_accents_when_told(world, deliver, settings):
    settings.NOTIFY_SMS_ASCII = False
    dossier = world.receive(applicant=APPLICANT)
    deliver()
    assert _latest(dossier, "sms").body.startswith(f"Hồ sơ {dossier.code} đã được tiếp nhận.")


def test_an_authorised_representative_is_told_on_their_own_contacts(world, deliver):
    from dataclasses import replace

    applicant = replace(
        APPLICANT,
        representative_name="Trần Thị Bình",
        representative_id_number="042098009999",
        representative_address="3 Hà Huy Tập",
        representative_phone="0987654321",
        authorization_document="Giấy ủy quyền số 12",
    )
    dossier = world.receive(applicant=applicant)
    deliver()
    assert _latest(dossier, "sms").recipient == "0987654321"
    email = _latest(dossier, "email")
    assert email.recipient == "an.nguyen@example.vn"  # the representative gave none: the applicant's
    assert "Kính gửi ông/bà Trần Thị Bình" in email.body


def test_a_failed_delivery_says_where_the_result_waits(world, deliver):
    from motcua.dossiers.models import OutboxMessage

    dossier = reach(world, Status.RESULT_AT_COUNTER, applicant=APPLICANT)  # given back by the post
    OutboxMessage.objects.create(
        key="postal:1:delivery_failed",
        topic="postal.delivery_failed",
        payload={
            "tracking_number": "EP123456789VN",
            "code": dossier.code,
            "phone": "0912345678",
            "attempts": 2,
            "point": {"code": "VNP.42.1", "name": "Bưu cục Thành Sen", "address": "1 Phan Đình Phùng", "phone": "0239"},
            "at": timezone.now().isoformat(),
        },
    )
    deliver()
    email = Notification.objects.get(dossier=dossier, topic="postal.delivery_failed", channel="email")
    assert email.event == "delivery"
    assert "Bưu điện đã 2 lần đến giao kết quả hồ sơ" in email.body and "(bưu gửi EP123456789VN)" in email.body
    assert "Kết quả đã được chuyển về: Bưu cục Thành Sen, 1 Phan Đình Phùng (điện thoại 0239)" in email.body
    sms = Notification.objects.get(dossier=dossier, topic="postal.delivery_failed", channel="sms")
    assert sms.body.startswith(f"Buu dien chua giao duoc ket qua ho so {dossier.code} (2 lan). Nhan tai Buu cuc")
