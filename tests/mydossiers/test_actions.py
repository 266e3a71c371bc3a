"""Each citizen action's happy path, the clerk's side of it, and bad input refused with a clear error and nothing
lost (docs/my-dossiers.md)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from motcua.audit.models import AuditEvent
from motcua.documents.consent import data_store_consent_set
from motcua.documents.selectors import documents_matching
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import DossierComponent, DossierEvent, ReturnMethod
from motcua.dossiers.services.electronic import RETURN_METHOD_CHANGED
from motcua.mydossiers.models import CitizenSupplement, RequestStatus, StopRequest
from motcua.mydossiers.panels import citizen_requests_panel

from .conftest import png

HANH = "Nguyễn Văn An"


def _panel(user, dossier) -> str:
    """The desk panel as the dossier page renders it for ``user``."""
    request = RequestFactory().get("/")
    request.user = user
    return citizen_requests_panel(request, dossier)


def _detail(code: str) -> str:
    return reverse("mydossiers:dossier", args=[code])


def test_home_lists_my_dossiers_with_what_needs_me(client, citizens):
    client.force_login(citizens.a.user)
    page = client.get(reverse("mydossiers:home")).content.decode()
    assert citizens.a_dossier.code in page and citizens.a_ready.code in page
    assert citizens.b_dossier.code not in page
    assert "Supplement requested" in page or "Yêu cầu bổ sung" in page


def test_detail_shows_the_timeline_and_only_the_applicants_slips(client, citizens):
    client.force_login(citizens.a.user)
    page = client.get(_detail(citizens.a_dossier.code)).content.decode()
    assert "data-tracking-steps" in page
    assert reverse("mydossiers:slip", args=[citizens.a_dossier.code, "02"]) in page
    assert reverse("mydossiers:slip", args=[citizens.a_dossier.code, "06"]) not in page


def test_supplement_sent_online_is_recorded_by_the_clerk_and_the_clock_runs_again(client, citizens):
    client.force_login(citizens.a.user)
    code = citizens.a_dossier.code
    response = client.post(reverse("mydossiers:supplement", args=[code]), {"papers": [png(), png("b.png")]})
    assert response.status_code == 302
    supplement = CitizenSupplement.objects.get(dossier=citizens.a_dossier)
    assert supplement.files.count() == 2 and supplement.status == RequestStatus.PENDING

    client.force_login(citizens.world.clerk)
    assert f'data-citizen-supplement="{supplement.pk}"' in _panel(citizens.world.clerk, citizens.a_dossier)
    assert _panel(citizens.world.other_clerk, citizens.a_dossier) == ""
    client.post(reverse("mydossiers:staff_supplement", args=[code, supplement.pk, "ghi-nhan"]))
    supplement.refresh_from_db()
    citizens.a_dossier.refresh_from_db()
    assert supplement.status == RequestStatus.DONE
    assert citizens.a_dossier.status == Status.IN_PROCESS
    assert DossierComponent.objects.filter(dossier=citizens.a_dossier, supplement_seq__isnull=False).count() == 2


def test_another_points_clerk_cannot_record_it(client, citizens):
    client.force_login(citizens.a.user)
    code = citizens.a_dossier.code
    client.post(reverse("mydossiers:supplement", args=[code]), {"papers": [png()]})
    supplement = CitizenSupplement.objects.get(dossier=citizens.a_dossier)
    client.force_login(citizens.world.other_clerk)
    response = client.post(reverse("mydossiers:staff_supplement", args=[code, supplement.pk, "ghi-nhan"]))
    assert response.status_code == 404
    supplement.refresh_from_db()
    assert supplement.status == RequestStatus.PENDING


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
        SimpleUploadedFile("empty.png", b"", content_type="image/png"),
        SimpleUploadedFile("nul.pdf", b"\x00" * 64, content_type="application/pdf"),
    ],
    ids=["disguised", "empty", "nul-bytes"],
)
def test_a_bad_file_is_refused_clearly_and_nothing_is_kept(client, citizens, upload):
    client.force_login(citizens.a.user)
    response = client.post(
        reverse("mydossiers:supplement", args=[citizens.a_dossier.code]), {"papers": [png(), upload]}
    )
    assert response.status_code == 400
    assert 'class="form-field__error"' in response.content.decode() or "alert--error" in response.content.decode()
    assert not CitizenSupplement.objects.exists()


def test_no_file_and_a_nul_byte_note_are_refused(client, citizens):
    client.force_login(citizens.a.user)
    url = reverse("mydossiers:supplement", args=[citizens.a_dossier.code])
    assert client.post(url, {"note": "x"}).status_code == 400
    assert client.post(url, {"papers": [png()], "note": "a\x00b"}).status_code == 400
    assert not CitizenSupplement.objects.exists()


def test_stop_request_carried_out_by_the_clerk_withdraws_the_dossier(client, citizens):
    client.force_login(citizens.a.user)
    code = citizens.a_dossier.code
    assert client.post(reverse("mydossiers:stop", args=[code]), {"reason": "Không cần nữa"}).status_code == 302
    assert client.post(reverse("mydossiers:stop", args=[code]), {"reason": "Lần nữa"}).status_code == 400
    stop = StopRequest.objects.get()
    client.force_login(citizens.world.clerk)
    client.post(reverse("mydossiers:staff_stop", args=[code, stop.pk, "thuc-hien"]))
    citizens.a_dossier.refresh_from_db()
    assert citizens.a_dossier.status == Status.WITHDRAWN
    event = DossierEvent.objects.filter(dossier=citizens.a_dossier, action=Action.WITHDRAW).get()
    assert event.note == "Không cần nữa"
    client.force_login(citizens.a.user)
    page = client.get(_detail(code)).content.decode()
    assert 'data-stop="done"' in page


def test_declined_stop_request_shows_the_reason_to_the_citizen(client, citizens):
    client.force_login(citizens.a.user)
    code = citizens.a_dossier.code
    client.post(reverse("mydossiers:stop", args=[code]), {"reason": "Không cần nữa"})
    stop = StopRequest.objects.get()
    client.force_login(citizens.world.clerk)
    client.post(reverse("mydossiers:staff_stop", args=[code, stop.pk, "tu-choi"]), {"reason": ""})
    stop.refresh_from_db()
    assert stop.status == RequestStatus.PENDING  # no reason: nothing changes
    client.post(reverse("mydossiers:staff_stop", args=[code, stop.pk, "tu-choi"]), {"reason": "Đã ký quyết định"})
    client.force_login(citizens.a.user)
    assert "Đã ký quyết định" in client.get(_detail(code)).content.decode()


def test_delivery_booking_quotes_the_postage_then_records_it_in_the_history(client, citizens):
    client.force_login(citizens.a.user)
    code = citizens.a_dossier.code
    url = reverse("mydossiers:delivery", args=[code])
    data = {"address": "5 Lê Lợi", "commune": citizens.world.commune.code}
    quoted = client.post(url, data)
    assert quoted.status_code == 200 and "16.000" in quoted.content.decode()
    citizens.a_dossier.refresh_from_db()
    assert citizens.a_dossier.return_method == ReturnMethod.COUNTER  # only quoted
    assert client.post(url, {**data, "confirm": "1"}).status_code == 302
    citizens.a_dossier.refresh_from_db()
    assert citizens.a_dossier.return_method == ReturnMethod.POST
    assert citizens.a_dossier.return_address.startswith("5 Lê Lợi, Phường Thành Sen")
    assert citizens.a_dossier.return_postage == 16000
    event = DossierEvent.objects.get(dossier=citizens.a_dossier, action=RETURN_METHOD_CHANGED)
    assert event.payload["commune"] == citizens.world.commune.code


@pytest.mark.parametrize(
    "data",
    [
        {"address": "5 Lê Lợi", "commune": "99999"},
        {"address": "5 Lê Lợi", "commune": "9" * 40},
        {"address": "5 Lê\x00 Lợi", "commune": "18073"},
        {"address": "", "commune": "18073"},
    ],
    ids=["outside-the-map", "huge", "nul-byte", "no-address"],
)
def test_delivery_bad_input_changes_nothing(client, citizens, data):
    client.force_login(citizens.a.user)
    response = client.post(reverse("mydossiers:delivery", args=[citizens.a_dossier.code]), {**data, "confirm": "1"})
    assert response.status_code == 400
    citizens.a_dossier.refresh_from_db()
    assert citizens.a_dossier.return_method == ReturnMethod.COUNTER
    assert not DossierEvent.objects.filter(action=RETURN_METHOD_CHANGED).exists()


def test_electronic_return_is_recorded_once_even_on_double_download(client, citizens):
    client.force_login(citizens.a.user)
    url = reverse("mydossiers:result", args=[citizens.a_ready.code])
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200 and second.status_code == 200
    assert b"".join(first.streaming_content).startswith(b"%PDF")
    citizens.a_ready.refresh_from_db()
    assert citizens.a_ready.status == Status.RETURNED
    returns = DossierEvent.objects.filter(dossier=citizens.a_ready, action=Action.RETURN_RESULT)
    assert returns.count() == 1
    assert returns.get().payload["identified_by"] == "citizen_account"
    assert returns.get().payload["collector_id_number"] == citizens.a.owner_number


def test_return_method_cannot_change_once_the_result_has_left(client, citizens):
    client.force_login(citizens.a.user)
    response = client.post(reverse("mydossiers:return", args=[citizens.a_ready.code]), {"method": "counter"})
    assert response.status_code == 400
    citizens.a_ready.refresh_from_db()
    assert citizens.a_ready.return_method == ReturnMethod.ELECTRONIC


def test_huge_and_wrong_values_are_refused(client, citizens):
    client.force_login(citizens.a.user)
    assert (
        client.post(reverse("mydossiers:return", args=[citizens.a_dossier.code]), {"method": "x" * 99}).status_code
        == 400
    )
    assert client.post(reverse("mydossiers:consent"), {"point": "P" * 999, "granted": "1"}).status_code == 400
    assert client.post(reverse("mydossiers:consent"), {"point": "NOPE", "granted": "1"}).status_code == 400
    assert client.get(reverse("mydossiers:document", args=["9" * 60])).status_code == 404


def test_consent_is_audited_and_changes_the_reuse_list_when_the_setting_is_on(client, citizens, settings):
    world = citizens.world
    client.force_login(citizens.a.user)
    offered = documents_matching(owner_id_number=citizens.a.owner_number, version=world.version, user=world.clerk)
    assert offered  # the law's default: no consent needed
    settings.DATA_STORE_REUSE_NEEDS_CONSENT = True
    assert documents_matching(owner_id_number=citizens.a.owner_number, version=world.version, user=world.clerk) == {}
    client.post(reverse("mydossiers:consent"), {"point": world.office.code, "granted": "1"})
    assert documents_matching(owner_id_number=citizens.a.owner_number, version=world.version, user=world.clerk)
    assert (
        documents_matching(owner_id_number=citizens.a.owner_number, version=world.version, user=world.other_clerk) == {}
    )
    client.post(reverse("mydossiers:consent"), {"point": world.office.code, "granted": "0"})
    assert documents_matching(owner_id_number=citizens.a.owner_number, version=world.version, user=world.clerk) == {}
    actions = list(AuditEvent.objects.filter(action__startswith="documents.consent").values_list("action", flat=True))
    assert actions == ["documents.consent_granted", "documents.consent_withdrawn"]


def test_consent_for_every_centre_yields_to_a_withdrawal_for_one_point(citizens, settings):
    from motcua.documents.consent import data_store_consent_answer

    world = citizens.world
    owner = citizens.a.owner_number
    data_store_consent_set(owner_id_number=owner, point=None, granted=True, actor=citizens.a.user)
    data_store_consent_set(owner_id_number=owner, point=world.other_office, granted=False, actor=citizens.a.user)
    assert data_store_consent_answer(owner_id_number=owner, points=[world.office]).granted
    answer = data_store_consent_answer(owner_id_number=owner, points=[world.other_office])
    assert not answer.granted and answer.withdrawn


def test_a_delivery_booked_to_another_commune_goes_to_that_commune(client, citizens):
    """The commune of the delivery address, not the applicant's, is where the postman goes (its postage too)."""
    from motcua.localities.models import Commune, DivisionType
    from motcua.postal.services.delivery import delivery_create_for

    world = citizens.world
    elsewhere = Commune.objects.create(
        code="18075", name="Phường Trần Phú", division_type=DivisionType.WARD, codename="tp", province=world.province
    )
    client.force_login(citizens.a.user)
    url = reverse("mydossiers:delivery", args=[citizens.a_dossier.code])
    assert client.post(url, {"address": "7 Hà Huy Tập", "commune": elsewhere.code, "confirm": "1"}).status_code == 302
    dossier = citizens.a_dossier
    dossier.refresh_from_db()
    assert dossier.return_commune_id == elsewhere.code != dossier.applicant_commune_id
    order = delivery_create_for(dossier=dossier)
    assert order.commune_id == elsewhere.code
