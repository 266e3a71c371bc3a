"""Signed copies: PAdES by the unit's certificate, still PDF/A-2b, verified here and by pdfsig."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest
from django.core.management import call_command

from motcua.documents.pki import ca_cert_path, unit_p12_path
from motcua.documents.signing import document_sign
from motcua.documents.verify import pdf_verify

from .pipeline_samples import _pki_dir, media, pki, save_pdf  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("pki")


@pytest.fixture
def pdfa(tmp_path):
    """A small PDF/A-2b made by the pipeline's converter without OCR (fast)."""
    import ocrmypdf

    out = tmp_path / "a.pdf"
    ocrmypdf.ocr(save_pdf(tmp_path / "in.pdf"), out, output_type="pdfa-2", language=["vie"], progress_bar=False)
    return out.read_bytes()


def test_signature_verifies_with_signer_and_time_and_keeps_pdfa(pdfa, tmp_path):
    signed = document_sign(pdfa, receiving_point=None)
    result = pdf_verify(signed)
    assert result.intact and result.trusted and result.valid, result.problems
    assert result.signer == "motcua digitization unit (development)"
    assert result.signed_at is not None
    assert signed.startswith(pdfa)  # incremental update: the PDF/A bytes are kept as they were
    (tmp_path / "s.pdf").write_bytes(signed)
    with pikepdf.open(tmp_path / "s.pdf") as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "B")


def test_a_changed_byte_breaks_the_signature(pdfa):
    signed = bytearray(document_sign(pdfa, receiving_point=None))
    signed[len(pdfa) // 2] ^= 0x01
    result = pdf_verify(bytes(signed))
    assert not result.intact and not result.valid


def test_signer_outside_the_trust_roots_is_intact_but_untrusted(pdfa, settings, tmp_path):
    settings.DIGITIZATION_TRUST_ROOTS = [str(tmp_path / "no-such-ca.pem")]
    result = pdf_verify(document_sign(pdfa, receiving_point=None))
    assert result.intact and not result.trusted


def test_unsigned_pdf_is_reported(pdfa):
    assert pdf_verify(pdfa).problems


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="needs poppler-utils")
def test_pdfsig_finds_the_signature_valid_and_the_whole_file_signed(pdfa, tmp_path):
    """pdfsig checks the digest and the CMS signature; it does not know our development CA, so it says the
    certificate issuer is not trusted — what it reliably reports is the signature and the coverage."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(document_sign(pdfa, receiving_point=None))
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid" in out
    assert "Total document signed" in out
    assert "SHA-256" in out

    broken = bytearray(path.read_bytes())
    broken[len(pdfa) // 2] ^= 0x01
    path.write_bytes(bytes(broken))
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid" not in out


@pytest.mark.django_db
def test_pki_dev_makes_a_certificate_per_point_and_is_idempotent(settings, tmp_path):
    from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind
    from motcua.localities.models import Commune, DivisionType, Province

    settings.DIGITIZATION_PKI_DIR = tmp_path / "pki"
    province = Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ht")
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="ts", province=province
    )
    post = Agency.objects.create(code="VNP.42", name="Bưu điện tỉnh", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    ReceivingPoint.objects.create(
        code="VNP.42.1",
        name="Bưu cục Thành Sen",
        kind=ReceivingPointKind.POST_OFFICE,
        operator=post,
        commune=commune,
        address="1",
    )
    call_command("pki_dev")
    first = unit_p12_path("VNP.42.1").read_bytes()
    ca = ca_cert_path().read_bytes()
    call_command("pki_dev")
    assert unit_p12_path("VNP.42.1").read_bytes() == first
    assert ca_cert_path().read_bytes() == ca


def test_signing_and_checking_work_inside_a_running_event_loop(pdfa):
    """Under an ASGI server (or a browser driver) the thread already runs an event loop, where pyHanko's
    own asyncio.run would fail."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def in_a_loop():
        signed = document_sign(pdfa, receiving_point=None)
        return signed, pdf_verify(signed)

    # The loop runs in a thread of its own, so the test does not depend on what else runs in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        signed, result = pool.submit(asyncio.run, in_a_loop()).result()
    assert result.intact and result.valid, result.problems
    assert signed.startswith(pdfa)
