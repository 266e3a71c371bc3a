"""Issue 14's "done when", in a browser on the dossier test world: a citizen signs in through the local provider,
files a procedure online reusing a document of their data store, pays the fee through the simulated gateway, is
told by e-mail (file backend) and SMS (simulated) at each step, uploads a requested supplement, downloads the
signed result, rates it and files a complaint that staff answer in time; each status reaches the simulated
national portal once and in order, although the portal was down for part of the journey.

The citizen's steps are taken in the browser (phone viewport), as is the one-stop clerk's acceptance; the agency's
steps go through the services, as the desk's own browser test covers their pages.
"""

from __future__ import annotations

import email
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from motcua.citizens.idp.models import LocalIdentity
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.outbox import outbox_dispatch
from motcua.dossiers.services.act import dossier_act
from motcua.feedback.models import Complaint, DossierRating
from motcua.feedback.services import complaint_acknowledge, complaint_answer
from motcua.mydossiers.models import CitizenSupplement
from motcua.mydossiers.services import citizen_supplement_record
from motcua.national.models import Delivery, DeliveryStatus
from motcua.national.services import delivery_push_due
from motcua.notifications.models import Notification, NotificationStatus, SimulatedMessage
from motcua.notifications.services import notifications_send_due
from motcua.notifications.texts import TOPIC_EVENTS
from motcua.payments.models import Payment, PaymentStatus
from motcua.procedures.models import ProcedureVersion
from motcua.submissions.models import OnlineSubmission
from tests.dossiers.conftest import World, world  # noqa: F401 - the shared fixture
from tests.dossiers.transitions_support import advance_to_decision, perform
from tests.e2e.conftest import PHONE, _open_page
from tests.national.conftest import portal  # noqa: F401 - the simulated portal on a free port
from tests.signed_results import _pki_dir, pki, signed_result  # noqa: F401 - fixtures
from tests.submissions.conftest import pdf_bytes, stored_document

pytestmark = pytest.mark.e2e

NUMBER = "042098001234"  # the world's applicant
PASSWORD = "dung-mat-khau-123"
STAFF_PASSWORD = "correct horse battery"
EMAIL, PHONE_NUMBER = "an@example.vn", "0912345678"


@pytest.fixture
def journey(transactional_db, world, pki, portal, settings, tmp_path, live_server):  # noqa: F811
    """The world over a live server: the local provider's back channel on the live server's address, e-mail to
    files under ``tmp_path``, SMS simulated, the procedure open to online filing, the applicant's test identity
    and a document of theirs in the data store."""
    settings.PUBLIC_BASE_URL = live_server.url
    settings.CITIZEN_OIDC_PROVIDER = "local"
    settings.CITIZEN_LOCAL_IDP_KEY_FILE = str(tmp_path / "local-idp-key.pem")
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.NOTIFY_CHANNELS = ["email", "sms"]
    settings.NOTIFY_SIMULATED_DOWN = []
    settings.NATIONAL_PORTAL_BACKOFF_SECONDS = 60
    ProcedureVersion.objects.filter(pk=world.version.pk).update(online_submission="full")
    world.version.refresh_from_db()
    identity = LocalIdentity(
        number=NUMBER, full_name="Nguyễn Văn An", phone=PHONE_NUMBER, email=EMAIL, address="12 Trần Phú"
    )
    identity.set_password(PASSWORD)
    identity.save()
    return world


def _deliver() -> None:
    """What the workers do after each step: the outbox to its handlers, then the notifications due."""
    outbox_dispatch()
    notifications_send_due()


def _mails(folder: Path) -> list[email.message.Message]:
    """Every message the file backend wrote (one file per connection, messages separated by a dashed line)."""
    found = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip()))
    return found


WIDER_THAN_PHONE = (
    "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
    + str(PHONE["width"])
    + ").map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + e.className).slice(0, 8)"
)


def _fits(page) -> None:
    """The page does not scroll sideways on the 375 px phone (else: which elements stick out)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    wider = page.evaluate(WIDER_THAN_PHONE) if width > PHONE["width"] else []
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a {PHONE['width']} px phone: {wider}"


def _png(path: Path) -> Path:
    Image.new("RGB", (40, 40), "white").save(path, format="PNG")
    return path


def _clerk_page(request, browser, live_server, user, path: str):
    """The one-stop clerk signed in on a desktop, on ``path``."""
    from tests.e2e.conftest import DESKTOP

    pages = _open_page(request, browser, viewport=DESKTOP)
    page = next(pages)
    request.addfinalizer(lambda: next(pages, None))
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    return page


def test_a_citizen_files_pays_supplements_downloads_rates_and_complains(
    journey: World,
    live_server,
    browser,
    request,
    screenshot,
    phone,
    portal,  # noqa: F811 - the imported fixture
    tmp_path,
):
    w = journey
    document = stored_document(NUMBER, title="Giấy ủy quyền")
    base = live_server.url

    # --- sign in through the local provider, on a phone ------------------------------------------------------
    phone.goto(f"{base}/cong-dan/")
    expect(phone).to_have_url(re.compile(r"/cong-dan/dang-nhap/"))
    screenshot(phone, "citizen-sign-in")
    phone.locator('a.button--block[href*="/cong-dan/oidc/authenticate/"]').click()
    expect(phone).to_have_url(re.compile(r"/dinh-danh-thu/"))
    phone.locator("input[name=number]").fill(NUMBER)
    phone.locator("input[name=password]").fill(PASSWORD)
    screenshot(phone, "citizen-local-provider")
    phone.locator("button[name=sign_in]").click()
    expect(phone).to_have_url(f"{base}/cong-dan/")
    _fits(phone)

    # --- file online: the point, the applicant, the papers (one reused, one uploaded), an electronic result ----
    phone.goto(f"{base}/cong-dan/nop-truc-tuyen/?q={w.version.procedure.national_code}")
    code = w.version.procedure.national_code
    phone.locator(f'form[action$="/bat-dau/{code}/"] button[type=submit]').click()
    expect(phone).to_have_url(re.compile(r"/buoc/thu-tuc/$"))
    phone.locator(f'input[name=receiving_point][value="{w.office.pk}"]').check()
    phone.locator("button[name=continue]").click()
    expect(phone).to_have_url(re.compile(r"/buoc/nguoi-nop/$"))
    phone.locator("#id_applicant_name").fill("Nguyễn Văn An")
    phone.locator("#id_applicant_birth_date").fill("02/03/1998")
    phone.locator("#id_applicant_phone").fill(PHONE_NUMBER)
    phone.locator("#id_applicant_email").fill(EMAIL)
    phone.locator("#id_applicant_address").fill("12 Trần Phú")
    phone.locator("#id_applicant_commune").select_option(w.commune.code)
    phone.locator("button[name=continue]").click()
    expect(phone).to_have_url(re.compile(r"/buoc/giay-to/$"))
    declaration, authorisation = w.version.components.order_by("order")
    declaration_pdf = tmp_path / "to-khai.pdf"
    declaration_pdf.write_bytes(pdf_bytes())
    phone.locator(f"#id_file_{declaration.pk}").set_input_files(str(declaration_pdf))
    phone.locator(f"#id_reuse_{authorisation.pk}").select_option(str(document.uid))
    screenshot(phone, "citizen-papers")
    _fits(phone)
    phone.locator("button[name=continue]").click()
    expect(phone).to_have_url(re.compile(r"/buoc/ket-qua/$"))
    phone.locator("input[name=return_method][value=electronic]").check()
    phone.locator("button[name=continue]").click()
    expect(phone).to_have_url(re.compile(r"/buoc/xem-lai/$"))
    expect(phone.get_by_text("Giấy ủy quyền — ", exact=False)).to_be_visible()
    screenshot(phone, "citizen-review")
    _fits(phone)
    phone.locator('form[action$="/nop/"] button[type=submit]').click()
    submission = OnlineSubmission.objects.get(owner__owner_number=NUMBER)
    expect(phone).to_have_url(re.compile(rf"/cong-dan/nop-truc-tuyen/{submission.reference}/$"))
    assert submission.papers.filter(document=document).count() == 1

    # --- the one-stop clerk accepts it in the online inbox -------------------------------------------------
    clerk = _clerk_page(request, browser, live_server, w.clerk, f"/quay/truc-tuyen/{submission.reference}/")
    accept = clerk.locator('form[action$="/quyet-dinh/accept/"]')
    accept.locator("select[name=lead_agency]").select_option(str(w.committee.pk))
    with clerk.expect_navigation(url=re.compile(r"/quay/bien-nhan/")):
        accept.locator("button[type=submit]").click()
    submission.refresh_from_db()
    dossier = submission.dossier
    assert dossier is not None and dossier.status == Status.RECEIVED and dossier.return_method == "electronic"
    assert dossier.components.get(name="Giấy ủy quyền").reused
    _deliver()

    # The portal goes down for a while: the statuses from here on wait for it.
    portal.down = True

    # --- the citizen pays from My dossiers through the simulated gateway --------------------------------------
    phone.goto(f"{base}/cong-dan/ho-so/{dossier.code}/")
    expect(phone.get_by_text(dossier.code).first).to_be_visible()
    screenshot(phone, "citizen-dossier")
    _fits(phone)
    phone.locator('a.button[href*="/thanh-toan/"]').click()
    expect(phone).to_have_url(re.compile(rf"/thanh-toan/{dossier.code}/"))
    expect(phone.locator("body")).to_contain_text("50.000 ₫")
    screenshot(phone, "citizen-pay")
    _fits(phone)
    phone.locator("button.pay__button").first.click()
    expect(phone).to_have_url(re.compile(r"/thanh-toan/mo-phong/"))
    phone.locator("button[name=action][value=pay]").click()
    expect(phone).to_have_url(re.compile(r"/thanh-toan/ket-qua/simulated/"))
    expect(phone.locator("body")).to_contain_text("Đã thanh toán")
    screenshot(phone, "citizen-paid")
    assert Payment.objects.get(dossier=dossier).status == PaymentStatus.PAID
    _deliver()

    # --- the agency asks for a supplement; the citizen sends it from their phone; the clerk records it --------
    dossier = perform(w, dossier, Action.TRANSFER)
    _deliver()
    dossier = perform(w, dossier, Action.REQUEST_SUPPLEMENT)
    _deliver()
    phone.goto(f"{base}/cong-dan/ho-so/{dossier.code}/")
    supplement_form = phone.locator("form#supplement")
    supplement_form.locator("input[name=papers]").set_input_files(str(_png(tmp_path / "giay-khai-sinh.png")))
    supplement_form.locator("textarea[name=note]").fill("Bản sao giấy khai sinh")
    screenshot(phone, "citizen-supplement")
    _fits(phone)
    supplement_form.locator("button[type=submit]").click()
    expect(phone.locator("[data-supplement]")).to_have_count(1)
    supplement = CitizenSupplement.objects.get(dossier=dossier)
    dossier = citizen_supplement_record(supplement=supplement, actor=w.clerk)
    assert dossier.status == Status.IN_PROCESS
    _deliver()

    # --- the agency decides, signs and sends the result; the portal comes back --------------------------------
    dossier = advance_to_decision(w, dossier)
    upload = ContentFile(signed_result(w.committee), name="ket-qua.pdf")
    dossier = dossier_act(dossier=dossier, actor=w.leader, action=Action.APPROVE, result_file=upload)
    _deliver()
    dossier = perform(w, dossier, Action.SEND_RESULT_TO_COUNTER)
    _deliver()
    assert Delivery.objects.filter(dossier=dossier).exclude(status=DeliveryStatus.ACCEPTED).exists()
    failed_while_down = Delivery.objects.filter(dossier=dossier, attempts__gt=0).exclude(status=DeliveryStatus.ACCEPTED)
    assert "ConnectionError" in failed_while_down.get().last_error  # the first one waiting, the rest behind it
    portal.down = False

    # --- the citizen downloads the signed result: the dossier is returned ------------------------------------
    phone.goto(f"{base}/cong-dan/ho-so/{dossier.code}/")
    screenshot(phone, "citizen-result")
    _fits(phone)
    # Chromium shows a PDF in its viewer: the route keeps the bytes the server gave on their way to it.
    given = []

    def keep(route):
        response = route.fetch()
        given.append((response.status, response.headers.get("content-type"), response.body()))
        route.fulfill(response=response)

    phone.route(f"**/cong-dan/ho-so/{dossier.code}/ket-qua/", keep)
    phone.locator(f'a[href$="/cong-dan/ho-so/{dossier.code}/ket-qua/"]').click()
    expect(phone).to_have_url(re.compile(r"/ket-qua/$"))
    phone.unroute(f"**/cong-dan/ho-so/{dossier.code}/ket-qua/")
    [(status, content_type, downloaded)] = given
    assert (status, content_type) == (200, "application/pdf")
    assert downloaded.startswith(b"%PDF") and b"/ByteRange" in downloaded  # the agency's signature is in it
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    _deliver()

    # --- the citizen rates the handling ------------------------------------------------------------------
    phone.goto(f"{base}/cong-dan/ho-so/{dossier.code}/danh-gia/")
    phone.locator("input[name=score][value=satisfied]").check()
    phone.locator("input[name=reasons]").first.check()
    phone.locator("textarea[name=comment]").fill("Nhanh, không phải đi lại.")
    screenshot(phone, "citizen-rate")
    _fits(phone)
    phone.locator(".rate form button[type=submit]").click()
    expect(phone.locator(".rate")).to_contain_text(str(timezone.localdate().strftime("%d/%m/%Y")))  # "you rated on"
    rating = DossierRating.objects.get(dossier=dossier)
    assert rating.score == "satisfied"

    # --- the citizen files a complaint; a handler acknowledges and answers in time --------------------------
    phone.goto(f"{base}/cong-dan/phan-anh/moi/?ho-so={dossier.code}")
    phone.locator("select[name=category]").select_option("handling")
    phone.locator("select[name=dossier]").select_option(dossier.code)
    phone.locator("input[name=subject]").fill("Hướng dẫn bổ sung chưa rõ")
    phone.locator("textarea[name=body]").fill("Yêu cầu bổ sung không ghi rõ cần bản sao có chứng thực hay không.")
    phone.locator("input[name=phone]").fill(PHONE_NUMBER)
    phone.locator("input[name=email]").fill(EMAIL)
    screenshot(phone, "citizen-complaint")
    _fits(phone)
    phone.locator("form.feedback button[type=submit]").click()
    complaint = Complaint.objects.get(account__owner_number=NUMBER)
    expect(phone).to_have_url(re.compile(rf"/cong-dan/phan-anh/{complaint.reference}/$"))
    assert complaint.dossier == dossier
    complaint = complaint_acknowledge(complaint=complaint, user=w.onestop)
    answer = "Đã hướng dẫn lại: bản sao có chứng thực hoặc bản chụp kèm bản chính để đối chiếu."
    complaint = complaint_answer(complaint=complaint, user=w.onestop, answer=answer)
    steps = {e.action: e for e in complaint.events.all()}
    assert steps["acknowledge"].on_time is True and steps["answer"].on_time is True
    assert complaint.answered_at <= complaint.answer_due_at
    _deliver()
    phone.goto(f"{base}/cong-dan/phan-anh/{complaint.reference}/")
    expect(phone.locator("#answer")).to_contain_text(answer)
    screenshot(phone, "citizen-complaint-answered")
    _fits(phone)

    # --- told at each step: one e-mail file and one simulated SMS per status change, no duplicates ----------
    mails = _mails(tmp_path / "mail")
    by_id = {}
    for mail in mails:
        by_id.setdefault(mail["Message-ID"], []).append(mail)
    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("seq"))
    told = [e for e in events if f"dossier.{e.action}" in TOPIC_EVENTS]
    assert {e.action for e in told} >= {
        "receive",
        "transfer",
        "request_supplement",
        "receive_supplement",
        "approve",
        "send_result_to_counter",
        "return_result",
    }
    for event in told:
        for channel in ("email", "sms"):
            topic = f"dossier.{event.action}"
            sent = Notification.objects.filter(dossier=dossier, topic=topic, event=TOPIC_EVENTS[topic], channel=channel)
            assert sent.count() == 1, (event.action, channel)
            notification = sent.get()
            assert notification.status == NotificationStatus.SENT, (event.action, channel, notification.last_error)
            if channel == "email":
                assert notification.recipient == EMAIL
                assert len(by_id.get(notification.provider_reference, [])) == 1, event.action
            else:
                assert SimulatedMessage.objects.filter(key=notification.key).count() == 1
                assert SimulatedMessage.objects.get(key=notification.key).reference == notification.provider_reference
    assert len(by_id) == len(mails), "an e-mail was written twice"
    # The acceptance of the submission, the invitation to rate and each step of the complaint were told as well.
    assert Notification.objects.filter(event="submission", status=NotificationStatus.SENT).exists()
    assert Notification.objects.filter(dossier=dossier, event="rating", channel="email").count() == 1
    assert (
        Notification.objects.filter(
            event="complaint", subject_ref=complaint.reference, channel="email", status=NotificationStatus.SENT
        ).count()
        == 3
    )  # filed, acknowledged, answered

    # --- the portal, up again, holds each status once and in order ------------------------------------------
    report = delivery_push_due(now=timezone.now() + timedelta(days=2))
    assert report.failed == report.rejected == 0
    held = [(r["record"]["SoThuTu"], r["record"]["TrangThaiHoSo"]) for r in portal.store.records(code=dossier.code)]
    assert [seq for seq, _status in held] == [e.seq for e in events]
    expected = list(Delivery.objects.filter(dossier=dossier).order_by("seq").values_list("seq", "national_status"))
    assert held == expected
    assert not Delivery.objects.filter(dossier=dossier).exclude(status=DeliveryStatus.ACCEPTED).exists()
    assert delivery_push_due(now=timezone.now() + timedelta(days=3)).accepted == 0
    assert len(portal.store.records(code=dossier.code)) == len(events)
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RETURNED
