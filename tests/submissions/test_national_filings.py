"""Dossiers filed on the national portal land in the online inbox: pulled from the simulated portal, each becomes one
submitted submission (however often it is pulled), the clerk of its point accepts (a dossier, channel online; the
filing taken), or refuses (the filing rejected); a filing the inbox cannot take stays on the filings page with its
reason."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from motcua.dossiers.lifecycle import Channel
from motcua.national.models import FilingStatus, IncomingFiling
from motcua.national.pull import filing_pull
from motcua.notifications.models import Notification
from motcua.submissions.lifecycle import SubmissionStatus
from motcua.submissions.models import OnlineSubmission, SubmissionOrigin
from tests.national.conftest import administrator, portal  # noqa: F401 - the shared fixtures

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db
NATIONAL = "G22.99-261203-0001"
LINK = "https://dichvucong.gov.vn/files/to-khai.pdf"
FILINGS = "/giam-sat/lien-thong-quoc-gia/ho-so-nop-truc-tuyen/"


def filing(world, **changes) -> dict:
    record = {
        "MaHoSoQG": NATIONAL,
        "MaTTHC": world.version.procedure.national_code,
        "MaDonVi": world.office.code,
        "ChuHoSo": "Lê Thị Hoa",
        "SoGiayToChuHoSo": "042190005555",
        "SoDienThoai": "0987654321",
        "Email": "hoa@example.vn",
        "DiaChiChuHoSo": "5 Hà Huy Tập",
        "TrichYeuHoSo": "Xin cấp bản sao",
        "LoaiDoiTuong": "1",
        "NgayNopHoSo": "2026-12-03T08:00:00+07:00",
        "TaiLieuNop": [
            {"TenTepDinhKem": "Tờ khai.pdf", "DuongDanTaiTepTin": LINK},
            {"TenTepDinhKem": "Ảnh chân dung", "DuongDanTaiTepTin": "javascript:alert(1)"},
        ],
    }
    record.update(changes)
    return record


def _inbox_submission() -> OnlineSubmission:
    return OnlineSubmission.objects.get(origin=SubmissionOrigin.NATIONAL, national_code=NATIONAL)


def test_a_pulled_filing_lands_in_the_inbox_once_even_when_pulled_twice(portal, world):  # noqa: F811
    portal.store.add_filing(filing(world))
    assert filing_pull() == 1
    assert filing_pull() == 0
    submission = _inbox_submission()
    assert OnlineSubmission.objects.count() == 1
    assert (submission.status, submission.receiving_point, submission.owner) == (
        SubmissionStatus.SUBMITTED,
        world.office,
        None,
    )
    assert submission.procedure_version == world.version and submission.id_number == "042190005555"
    assert submission.form_data["applicant_name"] == "Lê Thị Hoa"
    assert submission.form_data["applicant_phone"] == "0987654321"
    papers = list(submission.papers.order_by("pk"))
    assert [(p.label, p.link, p.remote) for p in papers] == [
        ("Tờ khai", LINK, True),  # matched to the checklist item of that name
        ("Ảnh chân dung", "", True),  # a link that is not http(s) is not kept
    ]
    assert papers[0].component is not None and papers[1].component is None
    assert IncomingFiling.objects.get().status == FilingStatus.NEW


def test_the_clerk_sees_it_with_its_badge_and_accepts_it_into_an_online_dossier(client, portal, world):  # noqa: F811
    portal.store.add_filing(filing(world))
    filing_pull()
    submission = _inbox_submission()
    client.force_login(world.clerk)
    inbox = client.get(reverse("submissions:inbox")).content.decode()
    assert submission.reference in inbox and "Cổng DVC quốc gia" in inbox
    page = client.get(reverse("submissions:inbox_detail", args=[submission.reference])).content.decode()
    assert NATIONAL in page and f'href="{LINK}"' in page and "javascript:" not in page
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]), {"lead_agency": world.committee.pk}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    dossier = submission.dossier
    assert submission.status == SubmissionStatus.ACCEPTED and dossier is not None
    assert dossier.channel == Channel.ONLINE
    assert (dossier.applicant_id_number, dossier.applicant_name) == ("042190005555", "Lê Thị Hoa")
    assert sorted(c.name for c in dossier.components.all()) == ["Tờ khai", "Ảnh chân dung"]
    stored = IncomingFiling.objects.get()
    assert (stored.status, stored.dossier) == (FilingStatus.TAKEN, dossier)
    from motcua.submissions.panels import dossier_submission_panel

    assert NATIONAL in dossier_submission_panel(None, dossier)  # the desk's dossier page says where it came from
    # No account: the record's contacts are told.
    assert Notification.objects.filter(event="submission", recipient="hoa@example.vn").count() == 1


def test_an_applicant_with_an_account_owns_it_and_reads_it_on_their_page(citizen, portal, world, account):  # noqa: F811
    portal.store.add_filing(filing(world, SoGiayToChuHoSo="", DinhDanhCHS=[{"SoDinhDanh": APPLICANT}]))
    filing_pull()
    submission = _inbox_submission()
    assert submission.owner == account and submission.id_number == APPLICANT
    assert submission.contacts["email"] == account.email
    page = citizen.get(reverse("submissions:detail", args=[submission.reference]))
    assert page.status_code == 200 and submission.reference in page.content.decode()


def test_refusing_it_rejects_the_filing_with_the_reasons(client, portal, world, administrator):  # noqa: F811
    portal.store.add_filing(filing(world))
    filing_pull()
    submission = _inbox_submission()
    client.force_login(world.clerk)
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "refuse"]),
        {"lead_agency": world.committee.pk, "reasons": "Không thuộc thẩm quyền"},
    )
    assert response.status_code == 302
    stored = IncomingFiling.objects.get()
    assert (stored.status, stored.reason, stored.dossier) == (FilingStatus.REJECTED, "Không thuộc thẩm quyền", None)
    assert Notification.objects.filter(event="submission", recipient="hoa@example.vn").count() == 1
    sms = Notification.objects.get(event="submission", recipient="0987654321", channel="sms")
    assert "dichvucong.gov.vn" in sms.body  # no motcua account: they follow it on the national portal


def test_an_unknown_procedure_rejects_the_filing_with_its_reason_on_the_filings_page(
    client,
    portal,  # noqa: F811
    world,
    administrator,  # noqa: F811
):
    portal.store.add_filing(filing(world, MaTTHC="9.999999"))
    filing_pull()
    stored = IncomingFiling.objects.get()
    assert stored.status == FilingStatus.REJECTED and "9.999999" in stored.reason
    assert not OnlineSubmission.objects.exists()
    client.force_login(administrator)
    page = client.get(FILINGS).content.decode()
    assert NATIONAL in page and "9.999999" in page and 'data-state="rejected"' in page


def test_without_a_point_it_waits_with_its_reason_until_the_default_point_is_set(portal, world, settings):  # noqa: F811
    portal.store.add_filing(filing(world, MaDonVi="000.00.00.X99"))
    settings.NATIONAL_FILINGS_DEFAULT_POINT = ""
    filing_pull()
    stored = IncomingFiling.objects.get()
    assert stored.status == FilingStatus.NEW and "000.00.00.X99" in stored.reason
    assert "NATIONAL_FILINGS_DEFAULT_POINT" in stored.reason
    assert not OnlineSubmission.objects.exists()

    settings.NATIONAL_FILINGS_DEFAULT_POINT = world.other_office.code
    assert filing_pull() == 0  # nothing new: the waiting one is tried again
    stored.refresh_from_db()
    assert stored.reason == ""
    assert _inbox_submission().receiving_point == world.other_office


def test_another_points_clerk_does_not_see_it(client, portal, world):  # noqa: F811
    portal.store.add_filing(filing(world))
    filing_pull()
    submission = _inbox_submission()
    client.force_login(world.other_clerk)
    assert submission.reference not in client.get(reverse("submissions:inbox")).content.decode()
    assert client.get(reverse("submissions:inbox_detail", args=[submission.reference])).status_code == 404
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]), {"lead_agency": world.committee.pk}
    )
    assert response.status_code == 404
    assert IncomingFiling.objects.get().status == FilingStatus.NEW


def test_a_web_submission_still_requires_an_owner_and_a_national_one_its_code(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        OnlineSubmission.objects.create(procedure_version=world.version)
    with pytest.raises(IntegrityError), transaction.atomic():
        OnlineSubmission.objects.create(procedure_version=world.version, origin=SubmissionOrigin.NATIONAL)
    national = OnlineSubmission.objects.create(
        procedure_version=world.version, origin=SubmissionOrigin.NATIONAL, national_code=NATIONAL
    )
    assert national.owner is None


def test_a_malformed_record_never_breaks_the_pull_and_an_incomplete_one_cannot_be_accepted(
    client,
    portal,  # noqa: F811
    world,
):
    portal.store.add_filing(
        filing(world, ChuHoSo=10**40, SoGiayToChuHoSo="04219\x00", TaiLieuNop={"x": 1}, Email=["a"], LoaiDoiTuong=None)
    )
    portal.store.add_filing({"MaHoSoQG": "X\x00Y", "MaTTHC": 5})
    portal.store.add_filing({"MaHoSoQG": "G22-2", "MaTTHC": {"a": 1}, "TaiLieuNop": [None, 7, {"TenTepDinhKem": ""}]})
    assert filing_pull() == 2
    assert IncomingFiling.objects.get(national_code="G22-2").status == FilingStatus.REJECTED
    submission = _inbox_submission()
    assert submission.papers.count() == 0
    client.force_login(world.clerk)
    page = client.get(reverse("submissions:inbox_detail", args=[submission.reference]))
    assert page.status_code == 200
    response = client.post(
        reverse("submissions:inbox_decide", args=[submission.reference, "accept"]), {"lead_agency": world.committee.pk}
    )
    assert response.status_code == 400
    assert "ID number" in response.content.decode() or "số định danh" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
