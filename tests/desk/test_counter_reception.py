"""Reception at the counter: the form, its errors beside their fields, one dossier per submission, the
applicant's earlier dossiers, the slips printed when a dossier cannot be received, and the receipt."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.dossiers.lifecycle import Channel
from motcua.dossiers.models import ApplicantKind, Dossier, DossierComponent
from motcua.dossiers.services.receive import Applicant, dossier_receive
from tests.desk.test_counter import pdf_text, reception_data, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def code(world) -> str:
    return world.version.procedure.national_code


def field_errors(page: str, field: str) -> list[str]:
    """The errors shown beside a field: its error list, found by the id Django points the field at."""
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1), re.S) if match else []


def receive_url(code: str) -> str:
    return reverse("desk:counter_receive", args=[code])


# --- the form --------------------------------------------------------------------------------------------------


def test_form_preselects_the_clerks_point_and_offers_the_agencies_it_serves(client, world, code):
    sign_in(client, world.clerk)
    page = client.get(receive_url(code)).content.decode()
    points = re.search(r'<select name="receiving_point".*?</select>', page, re.S).group(0)
    assert re.search(rf'<option value="{world.office.pk}" selected>', points)
    assert world.other_office.name not in points  # not the clerk's point
    lead = re.search(r'<select name="lead_agency".*?</select>', page, re.S).group(0)
    assert world.committee.name in lead and world.police.name in lead
    assert "Sở Xây dựng" not in lead
    assert re.search(r'name="submission_key" value="[0-9a-f]{32}"', page)
    assert 'accesskey="c"' in page and "<kbd>Alt+C</kbd>" in page
    assert 'hx-get="{}"'.format(reverse("desk:counter_applicant", args=[code])) in page


def test_confirming_registers_the_dossier_and_opens_the_receipt(client, world, code):
    sign_in(client, world.clerk)
    response = client.post(receive_url(code), reception_data(world))

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:counter_receipt", args=[dossier.code])
    assert dossier.applicant_name == "Nguyễn Văn An"
    assert dossier.applicant_id_number == "042098001234"  # spaces typed are dropped
    assert dossier.applicant_phone == "0912345678"
    assert dossier.applicant_birth_date == dt.date(1998, 9, 2)
    # Handed in at a post office that is not the centre: through the public postal service.
    assert dossier.channel == Channel.POSTAL and dossier.received_by == world.clerk
    assert dossier.lead_agency == world.committee and dossier.receiving_point == world.office
    assert dossier.fees_charged == 50000 and dossier.fees_paid == 50000
    assert [(c.name, c.count) for c in dossier.components.all()] == [("Tờ khai", 1)]


def test_the_authorised_persons_contact_is_kept_from_the_form(client, world, code):
    sign_in(client, world.clerk)
    data = {
        **reception_data(world),
        "representative_name": "Trần Thị Bình",
        "representative_id_number": "042195004321",
        "representative_address": "8 Hà Huy Tập",
        "representative_phone": "0987654321",
        "representative_email": "binh@example.vn",
        "authorization_document": "Giấy ủy quyền số 12/UQ",
    }
    assert client.post(receive_url(code), data).status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.representative_address, dossier.representative_phone, dossier.representative_email) == (
        "8 Hà Huy Tập",
        "0987654321",
        "binh@example.vn",
    )


def test_a_double_submit_receives_one_dossier(client, world, code):
    sign_in(client, world.clerk)
    data = reception_data(world)
    first = client.post(receive_url(code), data)
    second = client.post(receive_url(code), data)
    assert Dossier.objects.count() == 1
    assert first["Location"] == second["Location"]
    another = client.post(receive_url(code), reception_data(world))  # a new form: a new key
    assert another.status_code == 302 and Dossier.objects.count() == 2


def test_a_missing_mandatory_paper_keeps_the_form_and_offers_the_slips(client, world, code):
    declaration = world.version.components.get(order=1)
    sign_in(client, world.clerk, language="en")
    data = reception_data(world, **{f"received_{declaration.pk}": None})

    response = client.post(receive_url(code), data)
    page = response.content.decode()

    assert response.status_code == 200 and Dossier.objects.count() == 0
    assert field_errors(page, f"received_{declaration.pk}")
    assert '<details class="cannot-receive" open>' in page
    assert reverse("desk:counter_draft_slip", args=[code, "02"]) in page
    assert reverse("desk:counter_draft_slip", args=[code, "03"]) in page
    # Nothing typed is lost.
    for value in ("Nguyễn  Văn An", "042 098 001 234", "02/09/1998", "an@example.vn", "12 Trần Phú, Phường Thành Sen"):
        assert f'value="{value}"' in page, value
    assert f'value="{data["submission_key"]}"' in page  # the same submission, when completed


@pytest.mark.parametrize(
    ("language", "message"), [("vi", "Trường này là bắt buộc."), ("en", "This field is required.")]
)
def test_errors_are_beside_their_field_in_the_active_language(client, world, code, language, message):
    sign_in(client, world.clerk, language=language)
    page = client.post(receive_url(code), reception_data(world, applicant_address="")).content.decode()
    assert field_errors(page, "applicant_address") == [message]
    assert 'aria-describedby="id_applicant_address_error"' in page


def test_service_errors_go_beside_their_field(client, world, code):
    sign_in(client, world.clerk, language="en")
    cases = {
        "applicant_id_number": {"applicant_id_number": "12345"},
        "return_address": {"return_method": "post", "return_address": " "},
        "fees_paid": {"fees_paid": "60000"},
        "lead_agency": {"lead_agency": str(world.other_office.operator.pk)},
        "receiving_point": {"receiving_point": str(world.other_office.pk)},
        "representative_id_number": {"representative_name": "Lê Thị Hoa"},
    }
    for field, overrides in cases.items():
        page = client.post(receive_url(code), reception_data(world, **overrides)).content.decode()
        assert field_errors(page, field), field
    assert Dossier.objects.count() == 0


def test_postal_return_only_where_offered(client, world, code):
    from tests.factories import published_procedure

    sign_in(client, world.clerk, language="en")
    ok = client.post(
        receive_url(code), reception_data(world, return_method="post", return_address="5 Hà Huy Tập, Hà Tĩnh")
    )
    assert ok.status_code == 302
    assert Dossier.objects.get().return_address == "5 Hà Huy Tập, Hà Tĩnh"

    no_post = published_procedure(postal_return=False)
    page = client.get(receive_url(no_post.procedure.national_code)).content.decode()
    assert 'value="post"' not in page


def test_reusing_a_stored_paper_counts_as_received(client, world, code):
    earlier = world.receive()
    paper = earlier.components.get()
    paper.document_ref = "KHO-042098001234-07"
    paper.save()
    declaration = world.version.components.get(order=1)
    sign_in(client, world.clerk)
    data = reception_data(world, **{f"received_{declaration.pk}": None, f"reuse_{declaration.pk}": f"p{paper.pk}"})

    response = client.post(receive_url(code), data)

    assert response.status_code == 302
    received = DossierComponent.objects.exclude(dossier=earlier).get()
    assert received.reused and received.document_ref == "KHO-042098001234-07"


def test_a_stored_paper_of_someone_else_cannot_be_posted(client, world, code):
    stranger = world.receive(
        applicant=Applicant(kind=ApplicantKind.CITIZEN, name="Người khác", id_number="042000000001", address="x")
    )
    paper = stranger.components.get()
    paper.document_ref = "KHO-STRANGER"
    paper.save()
    declaration = world.version.components.get(order=1)
    sign_in(client, world.clerk)
    data = reception_data(world, **{f"received_{declaration.pk}": None, f"reuse_{declaration.pk}": f"p{paper.pk}"})
    page = client.post(receive_url(code), data).content.decode()
    assert field_errors(page, f"reuse_{declaration.pk}") or field_errors(page, f"received_{declaration.pk}")
    assert Dossier.objects.count() == 1


def test_a_scanned_paper_is_kept_and_marked_digitized(client, world, code):
    declaration = world.version.components.get(order=1)
    sign_in(client, world.clerk)
    scan = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = client.post(receive_url(code), {**reception_data(world), f"scan_{declaration.pk}": scan})
    assert response.status_code == 302
    paper = DossierComponent.objects.get()
    assert paper.digitized and paper.file.name.endswith(".pdf")
    assert paper.file.name.startswith(f"dossiers/{paper.dossier.code}/")


def test_a_scan_must_be_a_pdf_or_an_image(client, world, code):
    declaration = world.version.components.get(order=1)
    sign_in(client, world.clerk, language="en")
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    page = client.post(receive_url(code), {**reception_data(world), f"scan_{declaration.pk}": bad}).content.decode()
    assert "A scan must be a PDF, JPEG or PNG file." in page
    assert "Scanned files must be chosen again." in page
    assert Dossier.objects.count() == 0


# --- the applicant's earlier dossiers ----------------------------------------------------------------------------


def test_an_id_number_brings_up_earlier_dossiers_in_scope_and_stored_papers(client, world, code):
    mine = world.receive()
    paper = mine.components.get()
    paper.document_ref = "KHO-1"
    paper.save()
    elsewhere = dossier_receive(reception=world.reception(receiving_point=world.other_office), actor=world.other_clerk)
    declaration = world.version.components.get(order=1)
    sign_in(client, world.clerk)

    response = client.get(reverse("desk:counter_applicant", args=[code]), {"applicant_id_number": "042098001234"})
    page = response.content.decode()

    assert mine.code in page and elsewhere.code not in page
    fill = json.loads(re.search(r'data-fill="([^"]+)"', page).group(1).replace("&quot;", '"'))
    assert fill["id_applicant_name"] == "Nguyễn Văn An"
    assert fill["id_applicant_address"] == mine.applicant_address
    assert fill["id_applicant_phone"] == "0912345678"
    # Each checklist item's reuse list is swapped out of band with the stored paper.
    assert f'<div id="reuse-{declaration.pk}" hx-swap-oob="true">' in page
    assert f'value="p{paper.pk}"' in page


def test_an_incomplete_id_number_shows_nothing(client, world, code):
    world.receive()
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:counter_applicant", args=[code]), {"applicant_id_number": "0420"}).content.decode()
    assert "counter-list" not in page and "data-fill" not in page


def test_the_lead_agency_follows_the_receiving_point(client, world, code):
    from motcua.agencies.models import StaffAssignment

    StaffAssignment.objects.create(user=world.clerk, role="postal_clerk", receiving_point=world.other_office)
    world.other_office.serves.set([world.police])
    sign_in(client, world.clerk)
    page = client.get(
        reverse("desk:counter_lead_agency", args=[code]), {"receiving_point": world.other_office.pk}
    ).content.decode()
    assert world.police.name in page and world.committee.name not in page
    assert 'id="field-lead_agency"' in page


# --- slips when the dossier cannot be received ---------------------------------------------------------------------


def test_supplement_slip_lists_the_missing_papers_and_registers_nothing(client, world, code):
    declaration = world.version.components.get(order=1)
    sign_in(client, world.clerk)
    data = reception_data(world, **{f"received_{declaration.pk}": None}, supplement_items="Ảnh 4x6")
    response = client.post(reverse("desk:counter_draft_slip", args=[code, "02"]), data)
    text = pdf_text(response)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Tờ khai" in text and "Ảnh 4x6" in text
    assert "Nguyễn Văn An" in text and "042098001234" in text
    assert Dossier.objects.count() == 0


def test_refusal_slip_needs_reasons(client, world, code):
    sign_in(client, world.clerk, language="en")
    url = reverse("desk:counter_draft_slip", args=[code, "03"])
    page = client.post(url, reception_data(world)).content.decode()
    assert field_errors(page, "refusal_reasons") == ["Give the reasons for refusing."]
    text = pdf_text(client.post(url, reception_data(world, refusal_reasons="Không thuộc thẩm quyền")))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Không thuộc thẩm quyền" in text
    assert Dossier.objects.count() == 0


def test_supplement_slip_needs_something_to_supplement(client, world, code):
    sign_in(client, world.clerk, language="en")
    page = client.post(reverse("desk:counter_draft_slip", args=[code, "02"]), reception_data(world)).content.decode()
    assert field_errors(page, "supplement_items") == ["Name at least one thing to complete."]
    assert client.post(reverse("desk:counter_draft_slip", args=[code, "05"]), reception_data(world)).status_code == 404


# --- the receipt ---------------------------------------------------------------------------------------------------


def test_receipt_page_prints_slip_01_in_one_click(client, world):
    dossier = world.receive()
    sign_in(client, world.clerk, language="en")
    page = client.get(reverse("desk:counter_receipt", args=[dossier.code])).content.decode()
    assert dossier.code in page and dossier.lookup_secret in page
    due = dossier.appointment_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert due.strftime("%H:%M %d/%m/%Y") in page
    pdf_url = reverse("desk:dossier_slip", args=[dossier.code, "01"])
    assert re.search(rf'href="{re.escape(pdf_url)}" data-print-pdf accesskey="p" autofocus', page)
    assert reverse("desk:dossier_slip", args=[dossier.code, "01"]) in page  # the plain link
    assert 'accesskey="n"' in page

    response = client.get(pdf_url)
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    text = pdf_text(response)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and dossier.code in text


def test_receipt_outside_ones_scope_answers_404(client, world):
    dossier = world.receive()
    sign_in(client, world.other_clerk)
    assert client.get(reverse("desk:counter_receipt", args=[dossier.code])).status_code == 404
    assert client.get(reverse("desk:dossier_slip", args=[dossier.code, "01"])).status_code == 404
    assert client.get(reverse("desk:counter_receipt", args=["KHONG-CO"])).status_code == 404


def test_a_clerk_without_an_open_point_cannot_receive(client, world, code):
    world.office.is_active = False
    world.office.save()
    sign_in(client, world.clerk)
    assert client.get(receive_url(code)).status_code == 403
    assert client.post(receive_url(code), reception_data(world)).status_code == 403
    assert not Dossier.objects.exists()
