"""Issue 12's "Done when" in a real browser, on the demo data of `make run`, with ``TRAINING_GATE=enforce``:

1. ``trainee`` (a postal clerk certified for nothing) fills the counter's reception form for a civil-status
   procedure and confirms: the counter refuses with the gate's message naming the missing certificate.
2. He takes the reception exam of the Hộ tịch field at /dao-tao/, choosing the right answers, and passes: half of the
   certificate, no certificate yet.
3. The practical half, all in the browser: he starts a practice session at /thuc-hanh/ (training mode goes on), works
   its case through the real counter page at his training point, scores it; his point's supervisor signs the session
   off on its page, which issues the reception certificate (``sandbox.services.session_sign_off``).
4. Back to real work, he receives a real civil-status dossier: the receipt page shows its code.
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

import pytest
from django.utils import translation

from motcua.agencies.models import ReceivingPoint
from motcua.certification.catalogue import gated_stages
from motcua.certification.errors import certification_required
from motcua.certification.models import Certification, GateGap
from motcua.dossiers.models import Dossier
from motcua.procedures.models import Field
from motcua.sandbox.models import CaseKind, PracticeSession
from motcua.training.models import ExamAttempt, ExamBlueprint, QuestionKind
from tests.e2e.test_desk_browser import demo, sign_in  # noqa: F401  (the demo fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e

BIRTH_REGISTRATION = "1.001193"  # Đăng ký khai sinh, field Hộ tịch: two mandatory papers, nothing to pay by default
APPLICANT_ID = "042091123456"  # Hà Tĩnh, a man born in 1991


def fill_applicant(page, *, name: str, birth: str, address: str, phone: str, id_number: str | None = None) -> None:
    if id_number is not None:
        page.locator("#id_applicant_id_number").fill(id_number)
    page.locator("#id_applicant_name").fill(name)
    page.locator("#id_applicant_birth_date").fill(birth)
    page.locator("#id_applicant_address").fill(address)
    page.locator("#id_applicant_phone").fill(phone)


def tick_all_papers(page) -> None:
    from playwright.sync_api import expect

    papers = page.locator("#checklist input[type=checkbox][name^=received_]")
    expect(papers).not_to_have_count(0)
    for paper in papers.all():
        paper.check()


def answer_right(page, attempt: ExamAttempt) -> None:
    """Choose, in the page, the answer each drawn question's copy marks right."""
    for row in attempt.questions.all():
        name = f"q{row.position}"
        if row.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            fractions = [float(choice["fraction"]) for choice in row.data["choices"]]
            if row.kind == QuestionKind.SINGLE:
                right = [fractions.index(max(fractions))]
            else:
                right = [index for index, fraction in enumerate(fractions) if fraction > 0]
            for index in right:
                page.locator(f'input[name="{name}"][value="{index}"]').check()
        elif row.kind == QuestionKind.TRUE_FALSE:
            page.locator(f'input[name="{name}"][value="{"true" if row.data["answer"] else "false"}"]').check()
        elif row.kind == QuestionKind.MATCHING:
            pairs = [pair for pair in row.data["pairs"] if pair["left"].strip()]
            for index, pair in enumerate(pairs):
                page.locator(f'select[name="{name}_{index}"]').select_option(value=pair["right"])
        elif row.kind == QuestionKind.NUMERIC:
            best = max(row.data["answers"], key=lambda answer: float(answer["fraction"]))
            page.locator(f'input[name="{name}"]').fill(str(best["value"]).replace(".", ","))
        else:
            best = max(row.data["answers"], key=lambda answer: float(answer["fraction"]))
            page.locator(f'input[name="{name}"]').fill(best["text"].replace("*", ""))


def work_complete_case(page, case: Any) -> None:
    """On the counter page the case's button opens: type the applicant, tick the papers handed, choose the fee line
    the story names, confirm. The key says which papers and lines; the page is where they are chosen."""
    applicant = case.applicant
    fill_applicant(
        page,
        name=applicant["name"],
        birth=date.fromisoformat(applicant["birth_date"]).strftime("%d/%m/%Y"),
        address=applicant["address"],
        phone=applicant["phone"],
    )
    for pk in case.key["papers"]:
        page.locator(f'#checklist input[name="received_{pk}"]').check()
    for pk in case.key["fee_lines"]:
        alternative = page.locator(f'input.fee-choice[value="{pk}"]')
        if alternative.count():
            alternative.check()


def test_a_trainee_is_refused_then_trained_certified_and_receives(
    demo,  # noqa: F811
    live_server,
    browser,
    request,
    screenshot,
    settings,
):
    from playwright.sync_api import expect

    settings.TRAINING_GATE = "enforce"
    civil = Field.objects.get(name="Hộ tịch")
    reception = f"/quay/tiep-nhan/{BIRTH_REGISTRATION}/"
    assert not Certification.objects.filter(user__username="trainee").exists()

    # --- 1. refused at the counter, the missing certificate named -------------------------------------------------
    trainee = sign_in(browser, live_server, "trainee", path=reception, request=request)
    fill_applicant(
        trainee,
        id_number=APPLICANT_ID,
        name="Trần Văn Bình",
        birth="12/03/1991",
        address="8 Hà Huy Tập, phường Thành Sen",
        phone="0912345678",
    )
    tick_all_papers(trainee)
    with trainee.expect_navigation():
        trainee.locator("button.receive-confirm").click()
    with translation.override("vi"):
        refusal = certification_required(stage=gated_stages()["receive"].label, field=civil.name).render()
    assert refusal.startswith("Chưa có chứng nhận") and "«Hộ tịch»" in refusal
    expect(trainee.locator("#form-errors")).to_contain_text(refusal)
    expect(trainee.locator("#id_applicant_name")).to_have_value("Trần Văn Bình")  # nothing typed is lost
    screenshot(trainee, "training-refused")
    assert not Dossier.objects.filter(applicant_id_number=APPLICANT_ID).exists()
    assert not GateGap.objects.exists()  # enforce refuses; only warn records a gap

    # --- 2. the reception exam of the field, passed -----------------------------------------------------------
    blueprint = ExamBlueprint.objects.get(stage_code="receive", field=civil, active=True)
    trainee.goto(f"{live_server.url}/dao-tao/?linh-vuc={civil.pk}")
    exam = trainee.locator(".exam").filter(has_text=blueprint.title)
    with trainee.expect_navigation(url=re.compile(r"/dao-tao/lam-bai/\d+/$")):
        exam.locator("button[type=submit]").click()
    attempt = ExamAttempt.objects.get(blueprint=blueprint, user__username="trainee")
    expect(trainee.locator(".exam-questions > li")).to_have_count(attempt.questions.count())
    answer_right(trainee, attempt)
    with trainee.expect_navigation():
        trainee.locator(".exam-form button[type=submit]:not([name=save])").click()
    expect(trainee.locator("#result h2")).to_have_text(re.compile(r"^Đạt: 100([.,]0+)? %$"))
    screenshot(trainee, "training-exam")
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score_percent == 100
    # Reception needs the practice as well (CERTIFICATION_PRACTICE_STAGES): the exam alone certifies nothing.
    assert not Certification.objects.filter(user__username="trainee").exists()

    # --- 3. the practical half, on the real counter page in training mode --------------------------------------
    trainee.goto(f"{live_server.url}/thuc-hanh/")
    trainee.locator("#id_field").select_option(label=civil.name)
    trainee.locator("#id_cases").fill("1")  # one case: the first kind, a complete dossier
    with trainee.expect_navigation(url=re.compile(r"/thuc-hanh/\d+/$")):
        trainee.locator('form[action$="/thuc-hanh/bat-dau/"] button[type=submit]').click()
    session = PracticeSession.objects.get(trainee__username="trainee")
    case = session.cases.get()
    assert case.kind == CaseKind.COMPLETE
    expect(trainee.locator("#case-1")).to_contain_text(case.applicant["name"])
    with trainee.expect_navigation(url=re.compile(r"/quay/tiep-nhan/")):
        trainee.locator("#case-1 a.button").click()
    expect(trainee.locator("#id_applicant_id_number")).to_have_value(case.id_number)
    expect(trainee.locator("#id_receiving_point option:checked")).to_have_text(session.training_point.name)
    work_complete_case(trainee, case)
    with trainee.expect_navigation(url=re.compile(r"/quay/bien-nhan/")):
        trainee.locator("button.receive-confirm").click()
    practice = Dossier.objects.get(applicant_id_number=case.id_number)
    assert practice.receiving_point.is_training  # practice takes no real number and is not gated

    trainee.goto(f"{live_server.url}/thuc-hanh/{session.pk}/")
    with trainee.expect_navigation():
        trainee.locator('form[action$="/cham-diem/"] button[type=submit]').click()
    expect(trainee.locator("#score strong")).to_have_text("100%")
    expect(trainee.locator('form[action$="/ky-xac-nhan/"]')).to_have_count(0)  # not his own sign-off

    supervisor = sign_in(browser, live_server, "supervisor", path=f"/thuc-hanh/{session.pk}/", request=request)
    with supervisor.expect_navigation():
        supervisor.locator('form[action$="/ky-xac-nhan/"] button[type=submit]').click()
    expect(supervisor.locator("#score a[href$='/chung-chi/']")).to_be_visible()
    certificate = Certification.objects.get(user__username="trainee", stage_code="receive", field=civil)
    assert certificate.basis == "practical" and certificate.basis_ref == f"practice-session:{session.pk}"

    # --- 4. back to real work: the counter receives -------------------------------------------------------------
    trainee.goto(f"{live_server.url}/thuc-hanh/")
    with trainee.expect_navigation():  # the desk's banner and the sandbox page both offer the switch
        trainee.locator('form[action$="/thuc-hanh/che-do/"] button[type=submit]').first.click()
    trainee.goto(f"{live_server.url}{reception}")
    real_point = ReceivingPoint.objects.get(code="VNP.42.18073")
    expect(trainee.locator("#id_receiving_point option:checked")).to_have_text(real_point.name)
    fill_applicant(
        trainee,
        id_number=APPLICANT_ID,
        name="Trần Văn Bình",
        birth="12/03/1991",
        address="8 Hà Huy Tập, phường Thành Sen",
        phone="0912345678",
    )
    tick_all_papers(trainee)
    with trainee.expect_navigation(url=re.compile(r"/quay/bien-nhan/")):
        trainee.locator("button.receive-confirm").click()
    received = Dossier.objects.get(applicant_id_number=APPLICANT_ID)
    expect(trainee.locator("#receipt-title")).to_have_text(received.code)
    assert received.receiving_point == real_point and received.received_by.username == "trainee"
