"""The gate seen at the counter page and through the API; the holder's certificates and their PDF; the public
verification page; the supervisor's matrix and waiver (issue 12, items 5–7)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.audit.models import AuditEvent
from motcua.certification import pdf as certificate_module
from motcua.certification.models import CertificationBasis, Waiver
from motcua.certification.services import certification_issue, certification_revoke
from motcua.core.localtime import local_date
from motcua.dossiers.models import Dossier
from tests.api.support import assert_problem
from tests.api.test_dossiers_support import DOSSIERS, Caller, reception_body
from tests.desk.test_counter import pdf_text, reception_data, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ENFORCE = override_settings(TRAINING_GATE="enforce")


def certify(user, stage, field):
    return certification_issue(user, stage, field, basis=CertificationBasis.COMMAND, actor=None)


@ENFORCE
def test_the_counter_page_shows_the_refusal_and_receives_nothing(client, world, trainee, field):
    sign_in(client, trainee)
    url = reverse("desk:counter_receive", args=[world.version.procedure.national_code])
    page = client.post(url, reception_data(world)).content.decode()
    assert f"Chưa có chứng nhận «Tiếp nhận hồ sơ» lĩnh vực «{field.name}» còn hiệu lực" in page
    assert not Dossier.objects.exists()
    certify(trainee, "receive", field)
    response = client.post(url, reception_data(world))
    assert response.status_code == 302 and Dossier.objects.get().received_by == trainee


@ENFORCE
def test_the_api_answers_403_with_the_code(client, world, trainee, field):
    caller = Caller(client, trainee)
    body = assert_problem(caller.post(DOSSIERS, reception_body(world)), status=403, code="certification_required")
    assert "Tiếp nhận hồ sơ" in body["messages"]["vi"] and "Reception of the dossier" in body["messages"]["en"]
    certify(trainee, "receive", field)
    assert caller.post(DOSSIERS, reception_body(world)).status_code == 201
    mine = caller.get("/api/v1/certifications").json()
    assert [(c["stage_code"], c["field_code"], c["state"]) for c in mine] == [("receive", field.code, "valid")]


@ENFORCE
def test_the_api_offers_no_gated_action_to_the_trainee(client, world, trainee, field):
    certify(world.clerk, "receive", field)
    dossier = world.receive()
    representation = Caller(client, trainee).get(f"{DOSSIERS}/{dossier.code}").json()
    offered = {item["action"] for item in representation["allowed_actions"]}
    assert "transfer" not in offered and "withdraw" in offered


def test_verification_page_shows_validity_without_sign_in_and_404_for_a_wrong_token(client, world, trainee, field):
    cache.clear()
    certification = certify(trainee, "receive", field)
    assert len(certification.token) >= 43  # 32 random bytes
    page = client.get(reverse("certification:verify", args=[certification.token]))
    text = page.content.decode()
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex"
    assert "Ngô Văn Học" in text and "Tiếp nhận hồ sơ" in text and field.name in text
    assert certification.valid_until.strftime("%d/%m/%Y") in text
    assert trainee.username not in text  # nothing beyond name, stage, field and validity
    assert client.get(reverse("certification:verify", args=[certification.token[:-1] + "x"])).status_code == 404
    assert client.get(reverse("certification:verify", args=[str(certification.pk)])).status_code == 404
    certification_revoke(certification, reason="Sai phạm", actor=None)
    revoked = client.get(reverse("certification:verify", args=[certification.token])).content.decode()
    assert 'id="state"><strong>' in revoked


def test_many_wrong_tokens_are_turned_away(client, world):
    cache.clear()  # the count is per client address, and every test client has the same one
    for _ in range(20):
        assert client.get(reverse("certification:verify", args=["sai"])).status_code == 404
    assert client.get(reverse("certification:verify", args=["sai"])).status_code == 429


def test_the_pdf_carries_the_verification_url_in_its_qr_and_names_holder_stage_field(
    client, world, trainee, field, monkeypatch
):
    unit = certificate_module.issuing_unit(certify(trainee, "guide", field))
    unit.head_title, unit.head_name = "Giám đốc", "Phan Văn Đức"
    unit.deputy_title, unit.deputy_name, unit.deputy_signs = "Phó Giám đốc", "Lê Thị Thu", True
    unit.save()
    certification = certify(trainee, "receive", field)
    encoded: list[str] = []
    real = certificate_module.qr_data_uri

    def spy(text: str) -> str:
        encoded.append(text)
        return real(text)

    monkeypatch.setattr(certificate_module, "qr_data_uri", spy)
    sign_in(client, trainee)
    response = client.get(reverse("certification:pdf", args=[certification.pk]))
    assert encoded == [certificate_module.verification_url(certification)]
    assert encoded[0].endswith(f"/xac-minh/chung-chi/{certification.token}/")
    text = pdf_text(response)
    assert "Ngô Văn Học" in text and "Tiếp nhận hồ sơ" in text and field.name in text
    assert "BƯU ĐIỆN TỈNH" in text  # the postal unit operating his post office issues it
    # signed in its name by its head's deputy on his behalf, named from the unit's data, not by who printed it
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Lê Thị Thu" in text
    # Another clerk may not print it.
    sign_in(client, world.clerk)
    assert client.get(reverse("certification:pdf", args=[certification.pk])).status_code == 404


def test_my_certificates_page_lists_them(client, world, trainee, field):
    certify(trainee, "receive", field)
    sign_in(client, trainee)
    page = client.get(reverse("certification:mine")).content.decode()
    assert "Tiếp nhận hồ sơ" in page and field.name in page
    assert reverse("certification:pdf", args=[trainee.certifications.get().pk]) in page


@pytest.fixture
def supervisor(world):
    user = UserFactory()
    Assignment.objects.create(user=user, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    return user


def test_the_supervisor_sees_the_gaps_of_his_point_and_grants_a_waiver(client, world, trainee, field, supervisor):
    certify(world.clerk, "receive", field)
    world.receive()  # the field was received here lately
    sign_in(client, supervisor, language="en")
    page = client.get(reverse("certification:matrix")).content.decode()
    matrix = re.search(r'<table class="table table--compact" id="matrix">.*?</table>', page, re.S).group(0)
    trainee_row = re.search(r"Ngô Văn Học.*?</tr>", matrix, re.S).group(0)
    assert "missing" in trainee_row and "valid" not in trainee_row
    today = local_date()
    response = client.post(
        reverse("certification:matrix"),
        {
            "diem": world.office.code,
            "user": trainee.pk,
            "stage": "receive",
            "field": field.pk,
            "starts": today.strftime("%d/%m/%Y"),
            "ends": (today + dt.timedelta(days=7)).strftime("%d/%m/%Y"),
            "reason": "Thiếu người trong tuần",
        },
    )
    assert response.status_code == 302
    waiver = Waiver.objects.get()
    assert (waiver.user, waiver.granted_by, waiver.stage_code) == (trainee, supervisor, "receive")
    assert AuditEvent.objects.filter(action="certification.waiver_granted").exists()


def test_a_waiver_is_refused_to_a_supervisor_of_another_point(world, trainee, field):
    from motcua.certification.services import waiver_grant
    from motcua.core.errors import ApplicationError

    other = UserFactory()
    Assignment.objects.create(user=other, role=Role.POSTAL_SUPERVISOR, receiving_point=world.other_office)
    today = local_date()
    with pytest.raises(ApplicationError, match="certification_not_permitted"):
        waiver_grant(trainee, "receive", field, starts=today, ends=today, reason="x", actor=other)


def test_the_supervisor_revokes_with_a_reason(client, world, trainee, field, supervisor):
    certification = certify(trainee, "receive", field)
    sign_in(client, supervisor)
    client.post(reverse("certification:revoke", args=[certification.pk]), {"reason": "", "diem": world.office.code})
    certification.refresh_from_db()
    assert certification.revoked_at is None
    client.post(reverse("certification:revoke", args=[certification.pk]), {"reason": "Sai quy trình"})
    certification.refresh_from_db()
    assert certification.revoked_at is not None and certification.revoked_by == supervisor
    assert AuditEvent.objects.filter(action="certification.revoked").exists()
