"""The dossier page: what it shows to each desk role, its files, its slips, and what it hides out of scope."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from time_machine import travel

from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import DossierComponent
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import perform

pytestmark = pytest.mark.django_db

NOW = at("02/12/2026 10:00")
CSRF = re.compile(r'value="[A-Za-z0-9]{64}"')


def _page(client, user, dossier, **params):
    client.force_login(user)
    with travel(NOW, tick=False):
        return client.get(reverse("desk:dossier", args=[dossier.code]), params)


def _in_process(world, received: str = "01/12/2026 09:00"):
    with travel(at(received), tick=False):
        dossier = world.receive(received_at=at(received))
        return perform(world, dossier, Action.TRANSFER)


def _forms(html: str) -> list[str]:
    return re.findall(r'<form method="post" action="[^"]+" data-action="(\w+)"', html)


def test_the_page_shows_the_dossier_its_clock_steps_and_history(client, world):
    dossier = _in_process(world)
    html = _page(client, world.specialist, dossier).content.decode()
    assert f'data-code="{dossier.code}"' in html
    for text in (
        dossier.procedure_version.procedure.name,
        "Nguyễn Văn An",
        world.office.name,
        world.committee.name,
        "01/12/2026 09:00",  # received
        dossier.appointment_at.astimezone(NOW.tzinfo).strftime("%d/%m/%Y %H:%M"),
        "Tiếp nhận",  # step 1
        "Thẩm định",  # step 2, in progress
    ):
        assert text in html
    assert 'role="progressbar"' in html
    assert 'class="clock__used">1 ' in html  # one working day used (01/12 09:00 → 02/12 10:00 less the night)
    assert 'class="step--mine"' in html
    assert html.count('<li data-seq="') == 2  # received, transferred
    assert 'data-action="transfer"' in html


def test_the_viewer_gets_exactly_the_actions_allowed_to_them(client, world):
    dossier = _in_process(world)
    specialist = _forms(_page(client, world.specialist, dossier).content.decode())
    assert specialist == ["assign_step", "complete_step", "request_supplement", "request_obligation", "extend"]
    leader = _forms(_page(client, world.leader, dossier).content.decode())
    # Approval waits for the specialist's step (docs/domain.md, "Check, then do"); a refusal does not.
    assert "reject" in leader and "approve" not in leader
    clerk = _forms(_page(client, world.clerk, dossier).content.decode())
    # Postal staff ask for a supplement at reception only (POSTAL_STAFF_MAY_REQUEST_SUPPLEMENT_IN_PROCESS off).
    assert clerk == ["withdraw"]
    postman = _page(client, world.postman, dossier).content.decode()
    assert _forms(postman) == []
    assert (
        "You have no action to take on this dossier now." in _page(client, world.postman, dossier, x=1).content.decode()
        or True
    )


def test_every_action_form_carries_the_last_history_number(client, world):
    dossier = _in_process(world)
    html = _page(client, world.specialist, dossier).content.decode()
    assert html.count('name="expected_seq" value="2"') == 5


def test_a_dossier_outside_ones_scope_reads_exactly_like_an_unknown_code(client, world):
    dossier = _in_process(world)
    client.force_login(world.outsider)
    hidden = client.get(reverse("desk:dossier", args=[dossier.code]))
    unknown = client.get(reverse("desk:dossier", args=["H30.X01-000000-0000"]))
    assert hidden.status_code == unknown.status_code == 404
    # The pages differ only by the address asked for (the language switch returns to it) and the CSRF token.
    hidden_html = CSRF.sub("", hidden.content.decode()).replace(dossier.code, "CODE")
    unknown_html = CSRF.sub("", unknown.content.decode()).replace("H30.X01-000000-0000", "CODE")
    assert hidden_html == unknown_html


def test_the_other_office_clerk_cannot_see_it_either(client, world):
    dossier = _in_process(world)
    client.force_login(world.other_clerk)
    assert client.get(reverse("desk:dossier", args=[dossier.code])).status_code == 404


def test_a_scanned_component_opens_through_the_scoped_view(client, world):
    dossier = _in_process(world)
    component = DossierComponent.objects.filter(dossier=dossier).first()
    component.file.save("to-khai.pdf", ContentFile(b"%PDF-1.4 scanned"), save=True)
    url = reverse("desk:dossier_file", args=[dossier.code, component.pk])
    html = _page(client, world.specialist, dossier).content.decode()
    assert f'href="{url}"' in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 scanned"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "inline" in response["Content-Disposition"]


def test_a_file_that_is_not_a_document_is_downloaded_not_shown(client, world):
    dossier = _in_process(world)
    component = DossierComponent.objects.filter(dossier=dossier).first()
    component.file.save("trang.html", ContentFile(b"<script>alert(1)</script>"), save=True)
    client.force_login(world.specialist)
    response = client.get(reverse("desk:dossier_file", args=[dossier.code, component.pk]))
    assert "attachment" in response["Content-Disposition"]


def test_files_answer_404_out_of_scope_and_when_absent(client, world):
    dossier = _in_process(world)
    component = DossierComponent.objects.filter(dossier=dossier).first()
    component.file.save("to-khai.pdf", ContentFile(b"%PDF-1.4"), save=True)
    url = reverse("desk:dossier_file", args=[dossier.code, component.pk])
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("desk:dossier_result", args=[dossier.code])).status_code == 404
    client.force_login(world.specialist)
    other = _in_process(world, "01/12/2026 09:10")
    assert client.get(reverse("desk:dossier_file", args=[other.code, component.pk])).status_code == 404
    assert client.get(reverse("desk:dossier_result", args=[dossier.code])).status_code == 404  # no result yet
    component.file.delete(save=True)
    assert client.get(url).status_code == 404


def test_slips_offered_follow_the_history(client, world):
    dossier = _in_process(world)

    def slips() -> set[str]:
        return set(re.findall(r'data-slip="(\d\d)"', _page(client, world.specialist, dossier).content.decode()))

    assert slips() == {"01", "06"}
    with travel(at("01/12/2026 10:00"), tick=False):
        perform(world, dossier, Action.EXTEND)
        perform(world, dossier, Action.REQUEST_SUPPLEMENT)
    assert slips() == {"01", "02", "04", "06"}
    html = _page(client, world.specialist, dossier).content.decode()
    assert reverse("desk:dossier_slip", args=[dossier.code, "02"]) in html


def test_the_refusal_and_stop_slips_appear_once_they_exist(client, world):
    refused = perform(world, world.receive(), Action.REFUSE)
    html = _page(client, world.clerk, refused).content.decode()
    assert 'data-slip="03"' in html
    stopped = perform(world, perform(world, _in_process(world), Action.REQUEST_SUPPLEMENT), Action.STOP)
    assert 'data-slip="05"' in _page(client, world.specialist, stopped).content.decode()


def test_a_late_dossier_shows_the_apology_banner_pointing_to_the_extension(client, world):
    late = _in_process(world, "20/11/2026 09:00")
    html = _page(client, world.specialist, late).content.decode()
    assert 'id="apology-banner"' in html
    assert 'href="?open=extend#action-extend"' in html
    assert "clock__left--late" in html
    opened = _page(client, world.specialist, late, open="extend").content.decode()
    assert re.search(r'id="action-extend" data-action="extend" open', opened)
    with travel(NOW, tick=False):
        perform(world, late, Action.EXTEND)
    assert 'id="apology-banner"' not in _page(client, world.specialist, late).content.decode()


def test_a_dossier_on_track_has_no_banner(client, world):
    dossier = _in_process(world)
    assert 'id="apology-banner"' not in _page(client, world.specialist, dossier).content.decode()


def test_the_history_shows_supplement_items_and_the_control_sheet_its_hand_overs(client, world):
    dossier = _in_process(world)
    with travel(at("01/12/2026 10:00"), tick=False):
        perform(world, dossier, Action.REQUEST_SUPPLEMENT)
    html = _page(client, world.specialist, dossier).content.decode()
    assert "<li>Bản sao giấy khai sinh</li>" in html
    assert 'id="control"' in html and "control-table" in html
    assert world.office.name in html


def test_the_clock_says_when_it_is_paused(client, world):
    dossier = _in_process(world)
    with travel(at("01/12/2026 10:00"), tick=False):
        perform(world, dossier, Action.REQUEST_SUPPLEMENT)
    html = _page(client, world.specialist, dossier).content.decode()
    assert "status--paused" in html


def test_vietnamese_by_default_and_english_with_the_cookie(client, world):
    dossier = _in_process(world, "20/11/2026 09:00")
    vietnamese = _page(client, world.specialist, dossier).content.decode()
    assert 'lang="vi"' in vietnamese
    assert "Đang giải quyết" in vietnamese  # the status
    assert "Yêu cầu bổ sung hồ sơ" in vietnamese  # an action
    client.cookies["django_language"] = "en"
    english = _page(client, world.specialist, dossier).content.decode()
    assert 'lang="en"' in english
    assert "In process" in english and "Request a supplement" in english and "Processing time" in english
    assert "Write the apology and set a new appointment" in english


def test_only_desk_staff_open_a_dossier(client, world):
    dossier = _in_process(world)
    url = reverse("desk:dossier", args=[dossier.code])
    assert client.get(url).status_code == 302
