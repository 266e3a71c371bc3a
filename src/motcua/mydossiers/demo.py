"""Demo of the citizen's side: the accounts of the demo applicants and two papers in Nguyễn Thị Hạnh's data store.

Needs the citizens' demo identities (``citizens_load_demo``) and the demo receiving point. The accounts are made as
a sign-in through the local identity provider makes them (its issuer, the identity's ``sub``), so signing in at
/cong-dan/dang-nhap/ opens the same account. The papers are real PDF/A files, rendered with WeasyPrint and signed
with the development certificate of the receiving point that digitized them, as a scan at the counter is.
Idempotent: an account already made, or a paper with the same owner, type and number, is left as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import ReceivingPoint
from motcua.citizens.claims import identity_from_claims
from motcua.citizens.idp import registration
from motcua.citizens.idp.models import LocalIdentity
from motcua.citizens.idp.services import identity_claims
from motcua.citizens.models import CitizenAccount
from motcua.citizens.services import citizen_account_upsert
from motcua.core.localtime import local_date
from motcua.core.text import fold
from motcua.documents import storage as store
from motcua.documents.models import Document, DocumentOrigin
from motcua.documents.pipeline import page_texts
from motcua.documents.pki import ensure_unit, point_unit
from motcua.documents.signing import document_sign, signer_for, signer_name

POINT = "VNP.42.18073"
HANH, BINH = "042195001111", "042088002222"
DEMO_ACCOUNTS = (HANH, BINH)


@dataclass(frozen=True)
class DemoPaper:
    kind: str
    number: str
    issuer: str
    issued_days_ago: int
    valid_days: int | None  # None: valid without a time limit
    lines: tuple[str, ...]


# Hạnh's papers. The residence confirmation's validity is a demo value (the legal period is not checked here): long
# enough that a demo database stays usable for months; the extract of a birth registration does not expire.
DEMO_PAPERS = (
    DemoPaper(
        kind="Trích lục khai sinh (bản sao)",
        number="215/TLKS-BS",
        issuer="Ủy ban nhân dân phường Thành Sen",
        issued_days_ago=40,
        valid_days=None,
        lines=(
            "Họ, chữ đệm, tên: NGUYỄN THỊ HẠNH",
            "Ngày, tháng, năm sinh: 14/03/1995",
            "Giới tính: Nữ. Dân tộc: Kinh. Quốc tịch: Việt Nam",
            "Nơi sinh: Bệnh viện Đa khoa tỉnh Hà Tĩnh",
            "Số định danh cá nhân: 042195001111",
            "Họ, chữ đệm, tên người mẹ: Phạm Thị Thu",
            "Họ, chữ đệm, tên người cha: Nguyễn Văn Hòa",
        ),
    ),
    DemoPaper(
        kind="Giấy xác nhận thông tin về cư trú",
        number="1873/XN-CAP",
        issuer="Công an phường Thành Sen",
        issued_days_ago=10,
        valid_days=180,
        lines=(
            "Họ, chữ đệm, tên: NGUYỄN THỊ HẠNH",
            "Ngày, tháng, năm sinh: 14/03/1995",
            "Số định danh cá nhân: 042195001111",
            "Nơi thường trú: Số 12 đường Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
            "Nơi ở hiện tại: Số 12 đường Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
            "Họ tên chủ hộ: Nguyễn Văn Hòa. Quan hệ với chủ hộ: Con",
        ),
    ),
)


def demo_account(number: str) -> CitizenAccount:
    """The account of a demo identity, as a sign-in through the local provider makes it (made once)."""
    identity = LocalIdentity.objects.get(number=number)
    subject = str(identity.subject)
    account = CitizenAccount.objects.filter(owner_number=number).first()
    if account is not None:
        return account  # made before (by this demo or by a sign-in): a sign-in refreshes it, not the demo
    claims = identity_claims(identity)
    return citizen_account_upsert(identity=identity_from_claims(claims, issuer=registration.issuer(), subject=subject))


def _html(*, title: str, head: str, lines: tuple[str, ...]) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (
        "<html lang='vi'><head><meta charset='utf-8'><style>"
        "@page{size:A4;margin:2cm} body{font-family:'DejaVu Serif',serif;font-size:12pt}"
        "h1{font-size:15pt;text-align:center} .nation{text-align:center;font-weight:bold}"
        "</style></head><body>"
        "<p class='nation'>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p>"
        f"<p>{html.escape(head)}</p><h1>{html.escape(title.upper())}</h1>{body}"
        "<p><em>Bản mẫu của môi trường thử nghiệm motcua — không có giá trị pháp lý.</em></p>"
        "</body></html>"
    )


def demo_pdf(*, title: str, head: str = "", lines: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF/A-2b paper with a text layer, rendered by WeasyPrint (the project's PDF tool)."""
    from weasyprint import HTML  # heavy import, only when the demo makes a paper
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    page = HTML(string=_html(title=title, head=head, lines=lines), base_url=None, url_fetcher=fetcher)
    pdf = page.write_pdf(pdf_variant="pdf/a-2b")
    assert pdf is not None
    return bytes(pdf)


def demo_paper_store(*, owner: str, paper: DemoPaper, point: ReceivingPoint) -> Document:
    """The paper in ``owner``'s data store, digitized and signed at ``point`` (made once: found by type and number)."""
    existing = Document.objects.filter(owner_id_number=owner, kind=paper.kind, number=paper.number).first()
    if existing is not None:
        return existing
    if not settings.DIGITIZATION_SIGNING_P12:
        ensure_unit(point_unit(point))  # the point's development certificate, as `manage.py pki_dev` makes it
    issued_on = local_date() - dt.timedelta(days=paper.issued_days_ago)
    head = f"{paper.issuer} — Số: {paper.number}"
    lines = (*paper.lines, f"Ngày cấp: {issued_on:%d/%m/%Y}")
    signed = document_sign(demo_pdf(title=paper.kind, head=head, lines=lines), receiving_point=point)
    sha256 = hashlib.sha256(signed).hexdigest()
    with tempfile.TemporaryDirectory(prefix="motcua-demo-") as tmp:
        path = Path(tmp) / "paper.pdf"
        path.write_bytes(signed)
        texts = page_texts(path)
        text = "\n\f".join(texts)
        name, _written = store.put_content(sha256, path)
    document = Document(
        owner_id_number=owner,
        kind=paper.kind,
        title=paper.kind,
        origin=DocumentOrigin.SCAN,
        sha256=sha256,
        source_sha256=sha256,
        pages=max(1, len(texts)),
        ocr_text=text,
        search_text=fold(" ".join([paper.kind, paper.number, text])),
        issuer=paper.issuer,
        number=paper.number,
        issued_on=issued_on,
        valid_until=issued_on + dt.timedelta(days=paper.valid_days) if paper.valid_days else None,
        signer=signer_name(signer_for(point)),
        signed_at=timezone.now(),
        receiving_point=point,
    )
    document.file.name = name
    document.save()
    return document


@transaction.atomic
def mydossiers_load_demo() -> dict[str, int]:
    point = ReceivingPoint.objects.get(code=POINT)
    for number in DEMO_ACCOUNTS:
        demo_account(number)
    for paper in DEMO_PAPERS:
        demo_paper_store(owner=HANH, paper=paper, point=point)
    return {
        "citizen_accounts": CitizenAccount.objects.filter(owner_number__in=DEMO_ACCOUNTS).count(),
        "citizen_documents": Document.objects.filter(owner_id_number=HANH).count(),
    }
