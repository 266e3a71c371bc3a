"""Official papers in the right name: the one-stop unit issues them (the post receives for it), the agency's
head signs 04 and 05, each form has its own number, and the dossier code is the one-stop unit's."""

from __future__ import annotations

import pytest
from time_machine import travel

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, PointChannel, ReceivingPoint, ReceivingPointKind
from motcua.dossiers.lifecycle import Action, Channel, Status
from motcua.dossiers.models import SlipNumber
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.receive import dossier_receive
from motcua.dossiers.slips import SlipUnavailable, slip_pdf
from motcua.dossiers.slips.formats import vn_datetime, vn_long_date
from tests.dossiers.conftest import at
from tests.dossiers.test_slips import read
from tests.dossiers.transitions_support import perform, reach

CENTRE = "Trung tâm Phục vụ hành chính công Phường Thành Sen"


def commune_centre(world) -> Agency:
    """The commune's service centre under its committee; the world's post offices receive for it."""
    centre = Agency.objects.create(
        code="H30.X01.TTHCC",
        name=CENTRE,
        kind=AgencyKind.SERVICE_CENTRE,
        level=AgencyLevel.PROVINCE,
        province=world.province,
        parent=world.committee,
        phone="02393855555",
    )
    ReceivingPoint.objects.filter(pk__in=[world.office.pk, world.other_office.pk]).update(one_stop_unit=centre)
    world.office.refresh_from_db()
    world.other_office.refresh_from_db()
    return centre


@pytest.fixture
def centre(world) -> Agency:
    return commune_centre(world)


def test_the_receipt_is_issued_by_the_centre_under_its_committee_and_received_by_the_clerk(world, centre):
    dossier = world.receive(received_at=at("25/11/2026 09:00"))
    text = read(slip_pdf(kind="01", dossier=dossier))
    assert text.index("UBND PHƯỜNG THÀNH SEN") < text.index(CENTRE.upper())  # the parent body above the unit
    assert "BƯU ĐIỆN" not in text
    assert f"{CENTRE} tiếp nhận hồ sơ của:" in text
    assert "Nơi tiếp nhận: Bưu cục Thành Sen (qua dịch vụ bưu chính công ích)" in text
    assert text.rstrip().endswith(str(world.clerk))  # the postal clerk signs as the one who received
    assert dossier.issuing_agency == centre


def test_refusal_control_sheet_register_and_guidance_carry_the_centre(world, centre):
    refused = reach(world, Status.REFUSED)
    dossier = perform(world, world.receive(), Action.TRANSFER)
    papers = [
        read(slip_pdf(kind="03", dossier=refused)),
        read(slip_pdf(kind="06", dossier=dossier)),
        read(slip_pdf(kind="07", dossiers=[refused, dossier]), landscape=True),
        read(slip_pdf(kind="guidance", version=world.version, point=world.office)),
    ]
    for text in papers:
        assert CENTRE.upper() in text and "UBND PHƯỜNG THÀNH SEN" in text and "BƯU ĐIỆN" not in text
    assert f"{CENTRE} tiếp nhận hồ sơ của:" in papers[0]


def test_a_supplement_asked_at_reception_is_the_centres_request_with_the_clerks_contact(world, centre):
    world.clerk.phone = "0911000111"
    world.clerk.save()
    dossier = t.dossier_request_supplement(
        dossier=world.receive(), actor=world.clerk, items=["Ảnh 4x6"], reason="Ảnh mờ"
    )
    text = read(slip_pdf(kind="02", dossier=dossier))
    assert f"Sau khi xem xét, {CENTRE} đề nghị" in text
    assert f"liên hệ {world.clerk}, số điện thoại 0911000111" in text
    assert "Số: 1/PYCBS" in text


def test_a_supplement_asked_during_processing_names_the_agency_through_the_centre(world, centre):
    world.specialist.phone = "0988777666"
    world.specialist.save()
    dossier = reach(world, Status.SUPPLEMENT_REQUESTED)  # asked by the committee's specialist
    text = read(slip_pdf(kind="02", dossier=dossier))
    assert f"Sau khi xem xét, UBND Phường Thành Sen (thông qua {CENTRE}) đề nghị" in text
    assert f"liên hệ {world.specialist}, số điện thoại 0988777666" in text
    assert CENTRE.upper() in text  # still issued through the one-stop unit


def test_the_apology_is_signed_by_the_head_of_the_late_agency_not_by_who_recorded_it(world, centre):
    Agency.objects.filter(pk=world.committee.pk).update(head_title="Chủ tịch", head_name="Lê Văn Hải")
    dossier = perform(world, reach(world, Status.IN_PROCESS), Action.EXTEND)
    text = read(slip_pdf(kind="04", dossier=dossier))
    assert "CHỦ TỊCH (Ký, ghi rõ họ tên và đóng dấu) Lê Văn Hải" in text
    assert str(world.leader) not in text  # who pressed the button stays in the history only
    received_on = vn_long_date(dossier.received_at).removeprefix("ngày ")
    assert f"Ngày {received_on}, {CENTRE} tiếp nhận hồ sơ" in text  # "Ngày … tháng … năm …", not a time
    assert "Số: 1/PXL" in text
    assert "UBND PHƯỜNG THÀNH SEN" in text and "UBND Phường Thành Sen chưa trả kết quả" in text


def test_a_deputy_signs_for_the_head_with_kt(world, centre):
    Agency.objects.filter(pk=world.committee.pk).update(
        head_title="Chủ tịch",
        head_name="Lê Văn Hải",
        deputy_title="Phó Chủ tịch",
        deputy_name="Trần Thị Hoa",
        deputy_signs=True,
    )
    dossier = reach(world, Status.STOPPED)
    text = read(slip_pdf(kind="05", dossier=dossier))
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Ký, ghi rõ họ tên và đóng dấu) Trần Thị Hoa" in text
    assert "Lê Văn Hải" not in text and str(world.specialist) not in text
    assert "Số: 1/TB-DGQ" in text


def test_an_agency_without_a_recorded_head_leaves_the_name_to_write(world):
    dossier = perform(world, reach(world, Status.IN_PROCESS), Action.EXTEND)
    text = read(slip_pdf(kind="04", dossier=dossier))
    assert text.rstrip().endswith("THỦ TRƯỞNG CƠ QUAN (Ký, ghi rõ họ tên và đóng dấu)")
    assert str(world.leader) not in text


def test_the_dossier_code_is_the_centres_and_counts_per_issuing_unit(world, centre):
    first = world.receive(received_at=at("25/11/2026 09:00"))
    second = world.receive(received_at=at("25/11/2026 09:05"))
    assert (first.code, second.code) == ("H30.X01.TTHCC-261125-0001", "H30.X01.TTHCC-261125-0002")
    other_unit = Agency.objects.create(
        code="H30.X02.TTHCC",
        name="TTPVHCC Xã Thạch Hà",
        kind=AgencyKind.SERVICE_CENTRE,
        level=AgencyLevel.PROVINCE,
        province=world.province,
    )
    ReceivingPoint.objects.filter(pk=world.other_office.pk).update(one_stop_unit=other_unit)
    elsewhere = dossier_receive(
        reception=world.reception(receiving_point=ReceivingPoint.objects.get(pk=world.other_office.pk)),
        actor=world.other_clerk,
        received_at=at("25/11/2026 09:10"),
    )
    assert elsewhere.code == "H30.X02.TTHCC-261125-0001"  # its own counter
    # Existing dossiers keep their codes when a point changes whom it receives for.
    ReceivingPoint.objects.filter(pk=world.office.pk).update(one_stop_unit=other_unit)
    first.refresh_from_db()
    assert first.code == "H30.X01.TTHCC-261125-0001"


def test_forms_are_numbered_per_unit_form_and_year_and_keep_their_number(world, centre):
    first = world.receive(received_at=at("25/11/2026 09:00"))
    second = world.receive(received_at=at("25/11/2026 09:05"))
    assert "Số: 1/GTN" in read(slip_pdf(kind="01", dossier=second))  # numbered when first issued
    assert "Số: 2/GTN" in read(slip_pdf(kind="01", dossier=first))
    assert "Số: 1/GTN" in read(slip_pdf(kind="01", dossier=second))  # a reprint keeps its number
    assert "Số: 1/PKS" in read(slip_pdf(kind="06", dossier=first))  # each form counts on its own
    assert SlipNumber.objects.filter(issuer=centre, form="01").count() == 2
    text = read(slip_pdf(kind="01", dossier=second))
    assert "Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 2" in text
    assert "50.000 ₫" in text


def test_the_control_sheet_has_signature_cells_on_each_row(world, centre):
    dossier = perform(world, world.receive(), Action.TRANSFER)
    text = read(slip_pdf(kind="06", dossier=dossier))
    assert "Ký nhận" in text and text.count("Người giao") >= 1 and "Người nhận" in text


def test_a_dossier_refused_at_reception_has_no_receipt(world, centre):
    dossier = reach(world, Status.REFUSED)
    with pytest.raises(SlipUnavailable):
        slip_pdf(kind="01", dossier=dossier)
    text = read(slip_pdf(kind="03", dossier=dossier))
    assert "Số: 1/PTC" in text and "hẹn trả" not in text.lower()


def test_after_a_supplement_the_new_receipt_shows_the_current_appointment(world, centre):
    dossier = world.receive(received_at=at("25/11/2026 09:00"))
    first = read(slip_pdf(kind="01", dossier=dossier))
    with travel(at("26/11/2026 10:00"), tick=False):  # the pause takes working time: the appointment moves
        dossier = t.dossier_request_supplement(dossier=dossier, actor=world.clerk, items=["Ảnh"], reason="Thiếu ảnh")
    dossier = t.dossier_receive_supplement(dossier=dossier, actor=world.clerk, now=at("30/11/2026 10:00"))
    renewed = read(slip_pdf(kind="01", dossier=dossier))
    assert "Số: 1/GTN" in first and "Số: 2/GTN" in renewed  # a new paper, numbered anew
    assert "Cấp lại sau khi nhận hồ sơ bổ sung lúc 10:00 30/11/2026" in renewed
    assert f"Thời gian trả kết quả giải quyết hồ sơ: {vn_datetime(dossier.appointment_at)}" in renewed
    assert "ngày 30 tháng 11 năm 2026" in renewed


def test_the_channel_is_what_the_receiving_point_says(world, centre):
    assert world.receive().channel == Channel.POSTAL  # a post office that is not the centre
    ReceivingPoint.objects.filter(pk=world.office.pk).update(channel=PointChannel.COUNTER)  # the centre's counter
    world.office.refresh_from_db()
    assert world.receive(receiving_point=world.office).channel == Channel.COUNTER
    counter = ReceivingPoint.objects.create(
        code="H30.X01.TTHCC.QUAY",
        name=CENTRE,
        kind=ReceivingPointKind.SERVICE_CENTRE,
        operator=centre,
        commune=world.commune,
        address="1",
    )
    assert counter.reception_channel == PointChannel.COUNTER
    assert world.receive(channel=Channel.ONLINE).channel == Channel.ONLINE  # online stays online


def test_the_receipt_prints_the_authorised_persons_address_phone_and_email(world, centre):
    from motcua.dossiers.models import ApplicantKind
    from motcua.dossiers.services.receive import Applicant

    applicant = Applicant(
        kind=ApplicantKind.CITIZEN,
        name="Nguyễn Văn An",
        id_number="042098001234",
        address="12 Trần Phú, Phường Thành Sen",
        phone="0912345678",
        representative_name="Trần Thị Bình",
        representative_id_number="042195004321",
        representative_address="8 Hà Huy Tập, Phường Thành Sen",
        representative_phone="0987654321",
        representative_email="binh@example.vn",
        authorization_document="Giấy ủy quyền số 12/UQ",
    )
    dossier = world.receive(received_at=at("25/11/2026 09:00"), applicant=applicant)
    assert (dossier.representative_address, dossier.representative_phone, dossier.representative_email) == (
        "8 Hà Huy Tập, Phường Thành Sen",
        "0987654321",
        "binh@example.vn",
    )
    text = read(slip_pdf(kind="01", dossier=dossier))
    assert "Địa chỉ người được ủy quyền: 8 Hà Huy Tập, Phường Thành Sen" in text
    assert "0987654321" in text and "binh@example.vn" in text
