"""Counter home (procedure search, the day's work) and a procedure's guidance with its printable slip.

Also the helpers the other counter tests share.
"""

from __future__ import annotations

import io
import re
import unicodedata
import uuid

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.services.receive import dossier_receive
from tests.dossiers.transitions_support import reach


def sign_in(client, user, *, language: str | None = None):
    client.force_login(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def reception_data(world, **overrides) -> dict:
    """A complete reception form as the browser posts it."""
    declaration, authorization = world.version.components.order_by("order")
    data = {
        "submission_key": uuid.uuid4().hex,
        "receiving_point": world.office.pk,
        "lead_agency": world.committee.pk,
        "applicant_kind": "citizen",
        "applicant_id_number": "042 098 001 234",
        "applicant_name": "Nguyễn  Văn An",
        "applicant_birth_date": "02/09/1998",
        "applicant_phone": "0912 345 678",
        "applicant_email": "an@example.vn",
        "applicant_address": "12 Trần Phú, Phường Thành Sen",
        f"received_{declaration.pk}": "on",
        f"count_{declaration.pk}": "1",
        f"count_{authorization.pk}": "1",
        "fees_paid": "50000",
        "return_method": "counter",
        "return_address": "",
        "supplement_items": "",
        "refusal_reasons": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def code(world) -> str:
    return world.version.procedure.national_code


# --- who may open the counter ----------------------------------------------------------------------------------


def test_counter_pages_need_sign_in_and_a_counter_role(client, world, code):
    url = reverse("desk:counter")
    assert client.get(url).status_code == 302
    sign_in(client, world.specialist)
    for page in (
        url,
        reverse("desk:counter_procedure", args=[code]),
        reverse("desk:counter_receive", args=[code]),
        reverse("desk:counter_handover"),
        reverse("desk:counter_returns"),
    ):
        assert client.get(page).status_code == 403, page


def test_an_unknown_or_unpublished_procedure_answers_404(client, world):
    from tests.factories import ProcedureVersionFactory

    draft = ProcedureVersionFactory()
    sign_in(client, world.clerk)
    for national_code in ("9.999999", draft.procedure.national_code):
        assert client.get(reverse("desk:counter_procedure", args=[national_code])).status_code == 404
        assert client.get(reverse("desk:counter_receive", args=[national_code])).status_code == 404


# --- home ------------------------------------------------------------------------------------------------------


def test_home_has_the_search_box_focused_and_the_days_work(client, world):
    mine = world.receive()
    elsewhere = dossier_receive(reception=world.reception(receiving_point=world.other_office), actor=world.other_clerk)
    reach(world, Status.RESULT_AT_COUNTER)  # received, handed over, processed: a result to return
    sign_in(client, world.clerk)

    page = client.get(reverse("desk:counter")).content.decode()

    assert re.search(r'<input type="search" name="q"[^>]*autofocus', page)
    assert 'hx-get="/quay/"' in page and 'accesskey="s"' in page
    assert mine.code in page and elsewhere.code not in page  # today's dossiers at my points only
    assert reverse("desk:counter_receipt", args=[mine.code]) in page
    tallies = re.findall(r'counter-tally__n">(\d+)<', page)
    assert tallies == ["1", "1"]  # one to hand over (mine), one result to return


def test_search_is_accent_insensitive_and_finds_by_code_name_or_field(client, world, code):
    from tests.factories import FieldFactory, ProcedureFactory, published_procedure

    other = published_procedure(
        procedure=ProcedureFactory(
            national_code="2.000815", name="Chứng thực bản sao", field=FieldFactory(name="Chứng thực")
        )
    )
    sign_in(client, world.clerk)
    url = reverse("desk:counter")
    by_name = client.get(url, {"q": "dang ky khai"}).content.decode()
    assert reverse("desk:counter_procedure", args=[code]) in by_name
    assert reverse("desk:counter_receive", args=[code]) in by_name
    assert "2.000815" not in by_name
    assert "2.000815" in client.get(url, {"q": "2.000815"}).content.decode()
    assert other.procedure.national_code in client.get(url, {"q": "CHUNG THUC"}).content.decode()


def test_live_search_answers_only_the_results(client, world, code):
    sign_in(client, world.clerk)
    response = client.get(
        reverse("desk:counter"), {"q": "khai sinh"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="procedure-results"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "counter-result" in body
    assert reverse("desk:counter_procedure", args=[code]) in body
    assert "HX-Request" in response["Vary"]
    empty = client.get(reverse("desk:counter"), {"q": ""}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="procedure-results")
    assert "counter-result" not in empty.content.decode()


# --- guidance --------------------------------------------------------------------------------------------------


def test_guidance_page_shows_the_checklist_fees_and_return(client, world, code):
    sign_in(client, world.clerk, language="en")
    page = client.get(reverse("desk:counter_procedure", args=[code])).content.decode()
    assert "Tờ khai" in page and "Giấy ủy quyền" in page
    assert "Required" in page and "When: Nếu ủy quyền" in page
    assert "50,000 VND" in page
    assert "5 working days" in page
    assert "Offered" in page  # postal return
    assert reverse("desk:counter_guidance_pdf", args=[code]) in page
    assert re.search(r'href="{}"[^>]*accesskey="r"'.format(reverse("desk:counter_receive", args=[code])), page)


def test_guidance_slip_is_issued_by_the_clerks_point(client, world, code):
    from tests.dossiers.test_slips_papers import CENTRE, commune_centre

    commune_centre(world)  # the post office receives for the commune's centre: guidance is in its name
    sign_in(client, world.clerk)
    response = client.get(reverse("desk:counter_guidance_pdf", args=[code]))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # printed from a hidden frame of the page
    text = pdf_text(response)
    assert "PHIẾU HƯỚNG DẪN" in text and CENTRE.upper() in text and "BƯU ĐIỆN" not in text
    assert "Tờ khai" in text and "50.000 ₫" in text
    assert str(world.clerk) in text


def test_times_on_the_home_are_local(client, world):
    dossier = world.receive()
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:counter")).content.decode()
    assert timezone.localtime(dossier.received_at).strftime("%H:%M") in page
