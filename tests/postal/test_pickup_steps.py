"""The postal steps of a home pickup (Circular 17/2017/TT-BTTTT, art. 5): the list of papers signed by both on
the postman's screen, the seal, the receipt for the money, the clerk's check and the hand-over record, and slip 01
waiting for the postman's next visit with an SMS recorded in the outbox."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import io

import pytest
import time_machine
from pypdf import PdfReader

from motcua.core.errors import ApplicationError
from motcua.dossiers.models import OutboxMessage
from motcua.postal.models import OrderStatus, PaperListSignature, Signer
from motcua.postal.papers import pickup_handover_pdf, pickup_receipt_pdf
from motcua.postal.services.paper_list import papers_digest, signatures_valid
from motcua.postal.services.pickup import pickup_assign, pickup_collect, pickup_hand_over, pickup_slip_given
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.postal.signing import SEAL, both_signed, data_url, drawn_png
from tests.postal.test_pickup import book, papers

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def setting(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tariffs_load_demo()
    with time_machine.travel(at("25/11/2026 08:00"), tick=False):
        yield


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def assigned(world):
    return pickup_assign(order=book(world), postman=world.postman, actor=world.clerk)


def collect(world, order, **overrides):
    fields = {
        "order": order,
        "postman": world.postman,
        "components": papers(world),
        "fees_paid": 50000,
        "postage_paid": order.postage,
        "seal_number": SEAL,
        "signatures": both_signed(),
        "at": at("25/11/2026 14:30"),
    }
    fields.update(overrides)
    return pickup_collect(**fields)


def test_the_list_is_signed_by_both_and_the_signatures_are_tied_to_it(world):
    order = collect(world, assigned(world), seal_number=" np-0042-1187 ")
    assert order.seal_number == "NP-0042-1187"
    assert order.papers_digest == papers_digest(number=order.tracking_number, papers=order.papers)
    signed = {s.signer: s for s in PaperListSignature.objects.filter(order=order)}
    assert set(signed) == {Signer.POSTMAN, Signer.APPLICANT}
    assert signed[Signer.APPLICANT].signer_name == "Nguyễn Văn An"
    assert all(s.papers_digest == order.papers_digest for s in signed.values())
    assert signed[Signer.POSTMAN].image.read().startswith(b"\x89PNG")
    assert signatures_valid(order)
    # A list changed after signing no longer matches what was signed: it cannot be received.
    order.papers = [*order.papers, {"name": "Giấy tờ thêm", "form": "copy", "count": 1}]
    order.save()
    assert not signatures_valid(order)
    with pytest.raises(ApplicationError) as refused:
        pickup_hand_over(order=order, actor=world.clerk, seal_number=SEAL, papers_checked=True)
    assert refused.value.code == "postal_signatures_broken"


@pytest.mark.parametrize(
    ("signatures", "code"),
    [
        ({Signer.POSTMAN: drawn_png()}, "postal_signature_missing"),
        ({Signer.POSTMAN: drawn_png(), Signer.APPLICANT: drawn_png(blank=True)}, "postal_signature_missing"),
        ({Signer.POSTMAN: drawn_png(), Signer.APPLICANT: b"GIF89a not a png"}, "postal_signature_invalid"),
        ({Signer.POSTMAN: drawn_png(), Signer.APPLICANT: "data:image/png;base64,!!!"}, "postal_signature_invalid"),
        ({Signer.POSTMAN: drawn_png(width=2500), Signer.APPLICANT: drawn_png()}, "postal_signature_invalid"),
    ],
)
def test_a_missing_blank_or_unreadable_signature_is_refused_and_nothing_is_collected(world, signatures, code):
    order = assigned(world)
    with pytest.raises(ApplicationError) as refused:
        collect(world, order, signatures=signatures)
    assert refused.value.code == code
    assert "sign" in refused.value.render("en") and refused.value.render("vi") != refused.value.render("en")
    order.refresh_from_db()
    assert order.status == OrderStatus.ASSIGNED and not order.collections.exists() and not order.signatures.exists()


def test_signatures_sent_as_data_urls_from_the_phone_are_accepted(world):
    signatures = {Signer.POSTMAN: data_url(drawn_png()), Signer.APPLICANT: data_url(drawn_png())}
    order = collect(world, assigned(world), signatures=signatures)
    assert order.status == OrderStatus.COLLECTED and order.signatures.count() == 2


@pytest.mark.parametrize("seal", ["", "x", "NP 42 / 7"])
def test_a_missing_or_malformed_seal_number_is_refused(world, seal):
    with pytest.raises(ApplicationError) as refused:
        collect(world, assigned(world), seal_number=seal)
    assert refused.value.code == "postal_seal_number_invalid"


def test_the_receipt_shows_the_fees_and_the_postage_in_dong(world):
    order = collect(world, assigned(world))
    text = pdf_text(pickup_receipt_pdf(order))
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ VÀ CƯỚC DỊCH VỤ BƯU CHÍNH" in text and order.tracking_number in text
    assert "50.000 ₫" in text and "16.000 ₫" in text and "66.000 ₫" in text
    assert world.committee.name in text and "Nguyễn Văn An" in text


def test_the_clerk_checks_the_seal_and_the_papers_before_receiving(world):
    order = collect(world, assigned(world))
    with pytest.raises(ApplicationError) as refused:
        pickup_hand_over(order=order, actor=world.clerk, seal_number="NP-0042-9999", papers_checked=True)
    assert refused.value.code == "postal_seal_mismatch"
    with pytest.raises(ApplicationError) as refused:
        pickup_hand_over(order=order, actor=world.clerk, seal_number=SEAL, papers_checked=False)
    assert refused.value.code == "postal_papers_not_checked"
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED and order.dossier is None

    dossier = pickup_hand_over(
        order=order, actor=world.clerk, seal_number="np-0042-1187", papers_checked=True, at=at("25/11/2026 16:00")
    )
    order.refresh_from_db()
    assert order.checked_by == world.clerk and order.checked_at == at("25/11/2026 16:00")
    text = pdf_text(pickup_handover_pdf(order))
    assert "BIÊN BẢN GIAO NHẬN HỒ SƠ THỦ TỤC HÀNH CHÍNH" in text
    assert dossier.code in text and SEAL in text and "Tờ khai" in text and "50.000 ₫" in text
    assert world.clerk.get_full_name() in text and world.postman.get_full_name() in text


def test_after_the_hand_over_slip_01_waits_for_the_postman_and_an_sms_is_recorded(world):
    order = collect(world, assigned(world))
    dossier = pickup_hand_over(order=order, actor=world.clerk, seal_number=SEAL, papers_checked=True)
    pickup_hand_over(order=order, actor=world.clerk, seal_number=SEAL, papers_checked=True)  # a second click
    sms = OutboxMessage.objects.filter(topic="sms.postal_pickup_received")
    assert sms.count() == 1
    payload = sms.get().payload
    assert payload["phone"] == order.contact_phone and payload["code"] == dossier.code
    assert dossier.code in payload["text"] and payload["lookup"].endswith(dossier.lookup_secret)
    order.refresh_from_db()
    assert order.slip_given_at is None
    with pytest.raises(ApplicationError) as refused:
        pickup_slip_given(order=order, postman=world.clerk)
    assert refused.value.code == "postal_not_the_postman"
    pickup_slip_given(order=order, postman=world.postman, at=at("26/11/2026 09:00"))
    order.refresh_from_db()
    assert order.slip_given_at == at("26/11/2026 09:00")
    with pytest.raises(ApplicationError) as refused:
        pickup_slip_given(order=order, postman=world.postman)
    assert refused.value.code == "postal_slip_not_ready"
