"""The clerk's day (issue 9, items 17 and 18): finding a dossier at the counter, the dossiers waiting for a
supplement, recording a supplement with its papers and scans and printing the acknowledgement; the agency sees
how the result goes back and is offered that way only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.core.errors import ApplicationError
from motcua.dossiers.actions import dossier_allowed_actions
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import DossierComponent, DossierEvent, ReturnMethod
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.act import dossier_last_seq
from motcua.dossiers.services.receive import dossier_receive
from tests.desk.test_counter import pdf_text, sign_in
from tests.dossiers.transitions_support import reach

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def waiting(world, *items: str):
    """A dossier in processing whose agency asked for ``items``."""
    dossier = reach(world, Status.IN_PROCESS)
    return t.dossier_request_supplement(
        dossier=dossier, actor=world.specialist, items=list(items), reason="Bản sao chưa chứng thực"
    )


# --- item 17: finding a dossier -------------------------------------------------------------------------------


def test_the_counter_finds_a_dossier_by_code_id_number_or_name_without_accents(client, world):
    mine = world.receive()
    sign_in(client, world.clerk)
    url = reverse("desk:counter")
    for query in (mine.code.lower(), "042 098 001 234", "nguyen van an", "NGUYỄN VĂN"):
        page = client.get(url, {"hs": query}).content.decode()
        assert f'data-code="{mine.code}"' in page, query
    page = client.get(url, {"hs": "tran thi binh"}).content.decode()
    assert f'data-code="{mine.code}"' not in page and 'class="counter-list dossier-results"' not in page


def test_the_counter_search_stays_in_the_clerks_scope(client, world):
    elsewhere = dossier_receive(reception=world.reception(receiving_point=world.other_office), actor=world.other_clerk)
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:counter"), {"hs": elsewhere.code}).content.decode()
    assert f'data-code="{elsewhere.code}"' not in page
    sign_in(client, world.other_clerk)
    page = client.get(reverse("desk:counter"), {"hs": elsewhere.code}).content.decode()
    assert f'data-code="{elsewhere.code}"' in page


def test_the_counter_lists_the_dossiers_of_my_points_waiting_for_a_supplement(client, world):
    asked = waiting(world, "Bản sao giấy khai sinh")
    not_asked = reach(world, Status.IN_PROCESS)
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:counter")).content.decode()
    section = page[page.index('id="waiting-supplement"') :]
    section = section[: section.index("</section>")]
    assert reverse("desk:counter_supplement", args=[asked.code]) in section
    assert not_asked.code not in section
    sign_in(client, world.other_clerk)
    page = client.get(reverse("desk:counter")).content.decode()
    assert asked.code not in page


# --- item 17: recording a supplement --------------------------------------------------------------------------


def test_recording_a_supplement_ticks_and_scans_the_papers_asked_for(client, world):
    dossier = waiting(world, "Tờ khai (Bản chính, 1)", "Bản sao giấy khai sinh")
    sign_in(client, world.clerk)
    url = reverse("desk:counter_supplement", args=[dossier.code])
    page = client.get(url).content.decode()
    assert "Tờ khai (Bản chính, 1)" in page and "Bản sao giấy khai sinh" in page
    assert 'name="scan_0"' in page and 'name="received_1"' in page

    response = client.post(
        url,
        {
            "expected_seq": dossier_last_seq(dossier=dossier),
            "received_0": "on",
            "count_0": "1",
            "form_0": "original",
            "scan_0": SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf"),
            "received_1": "on",
            "count_1": "2",
            "form_1": "copy",
            "note": "Đủ giấy tờ",
        },
    )

    assert response["Location"] == reverse("desk:counter_supplement_received", args=[dossier.code])
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROCESS
    event = DossierEvent.objects.get(dossier=dossier, action=Action.RECEIVE_SUPPLEMENT)
    assert event.actor == world.clerk and event.note == "Đủ giấy tờ"
    papers = list(DossierComponent.objects.filter(dossier=dossier, supplement_seq=event.seq).order_by("id"))
    assert [(p.name, p.form, p.count, p.digitized) for p in papers] == [
        ("Tờ khai (Bản chính, 1)", "original", 1, True),
        ("Bản sao giấy khai sinh", "copy", 2, False),
    ]
    # The request's first line names the procedure's checklist item: the paper is tied to it.
    assert papers[0].component_id == world.version.components.get(name="Tờ khai").pk
    assert papers[0].file.read() == PDF

    done = client.get(response["Location"]).content.decode()
    assert reverse("desk:counter_supplement_pdf", args=[dossier.code]) in done
    text = pdf_text(client.get(reverse("desk:counter_supplement_pdf", args=[dossier.code])))
    assert "GIẤY XÁC NHẬN ĐÃ NHẬN HỒ SƠ BỔ SUNG" in text
    assert dossier.code in text and "Bản sao giấy khai sinh" in text and "Nguyễn Văn An" in text
    assert "Bản chính" in text and "Bản sao" in text


def test_a_supplement_with_nothing_ticked_is_not_recorded(client, world):
    dossier = waiting(world, "Bản sao giấy khai sinh")
    sign_in(client, world.clerk)
    url = reverse("desk:counter_supplement", args=[dossier.code])
    response = client.post(url, {"expected_seq": dossier_last_seq(dossier=dossier), "count_0": "1", "form_0": "copy"})
    assert response.status_code == 400
    assert 'id="form-errors"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED


def test_a_scan_without_its_tick_is_refused_like_at_reception(client, world):
    dossier = waiting(world, "Bản sao giấy khai sinh", "Tờ khai")
    sign_in(client, world.clerk, language="en")
    response = client.post(
        reverse("desk:counter_supplement", args=[dossier.code]),
        {
            "expected_seq": dossier_last_seq(dossier=dossier),
            "received_0": "on",
            "count_0": "1",
            "form_0": "copy",
            "count_1": "1",
            "form_1": "copy",
            "scan_1": SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "Tick the paper this file is the scan of." in response.content.decode()
    assert not DossierComponent.objects.filter(dossier=dossier, supplement_seq__isnull=False).exists()


def test_a_stale_supplement_page_records_nothing(client, world):
    dossier = waiting(world, "Bản sao giấy khai sinh")
    seq = dossier_last_seq(dossier=dossier)
    sign_in(client, world.clerk)
    response = client.post(
        reverse("desk:counter_supplement", args=[dossier.code]),
        {"expected_seq": seq - 1, "received_0": "on", "count_0": "1", "form_0": "copy"},
    )
    assert response.status_code == 400
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    assert f'name="expected_seq" value="{seq}"' in response.content.decode()


def test_the_dossier_page_sends_the_clerk_to_the_supplement_page(client, world):
    dossier = waiting(world, "Bản sao giấy khai sinh")
    sign_in(client, world.clerk)
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert reverse("desk:counter_supplement", args=[dossier.code]) in page
    assert f'action="{reverse("desk:dossier_action", args=[dossier.code, "receive_supplement"])}"' not in page


def test_a_dossier_not_waiting_for_a_supplement_has_no_supplement_page(client, world):
    dossier = reach(world, Status.IN_PROCESS)
    sign_in(client, world.clerk)
    response = client.get(reverse("desk:counter_supplement", args=[dossier.code]))
    assert response["Location"] == reverse("desk:dossier", args=[dossier.code])
    elsewhere = waiting(world, "x")
    sign_in(client, world.other_clerk)
    assert client.get(reverse("desk:counter_supplement", args=[elsewhere.code])).status_code == 404


# --- item 18: the result goes back the way the applicant chose ---------------------------------------------------


def test_the_agency_is_offered_only_the_return_the_applicant_chose(world):
    by_post = reach(world, Status.APPROVED, return_method=ReturnMethod.POST, return_address="5 Hà Huy Tập")
    at_counter = reach(world, Status.APPROVED)
    offered = {a.action for a in dossier_allowed_actions(dossier=by_post, user=world.specialist)}
    assert Action.SEND_RESULT_TO_POST in offered and Action.SEND_RESULT_TO_COUNTER not in offered
    offered = {a.action for a in dossier_allowed_actions(dossier=at_counter, user=world.specialist)}
    assert Action.SEND_RESULT_TO_COUNTER in offered and Action.SEND_RESULT_TO_POST not in offered

    with pytest.raises(ApplicationError) as refused:
        t.dossier_send_result(dossier=by_post, actor=world.specialist, by_post=False)
    assert refused.value.code == "dossier_result_route_not_chosen"
    assert "by post" in refused.value.render("en")


def test_the_dossier_page_and_the_inbox_show_how_the_result_goes_back(client, world):
    by_post = reach(world, Status.APPROVED, return_method=ReturnMethod.POST, return_address="5 Hà Huy Tập")
    sign_in(client, world.specialist, language="en")
    page = client.get(reverse("desk:dossier", args=[by_post.code])).content.decode()
    assert 'data-return-method="post"' in page and "5 Hà Huy Tập" in page
    assert 'id="action-send_result_to_post"' in page and 'id="action-send_result_to_counter"' not in page
    inbox = client.get(reverse("desk:inbox"), {"tab": "done"}).content.decode()
    if by_post.code in inbox:
        assert 'data-return-method="post"' in inbox and "5 Hà Huy Tập" in inbox
    in_process = reach(world, Status.IN_PROCESS, return_method=ReturnMethod.POST, return_address="7 Nguyễn Du")
    inbox = client.get(reverse("desk:inbox")).content.decode()
    assert in_process.code in inbox and "7 Nguyễn Du" in inbox and 'data-return-method="post"' in inbox
