"""Item 13: an approval's result document is a PDF whose PAdES signature validates, or it is refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from motcua.core.errors import ApplicationError
from motcua.documents.results import result_document_check
from tests.documents.pipeline_samples import page
from tests.signed_results import _pki_dir, pki, result_pdf, signed_result  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("pki")


class Agency:
    code, name = "H42.18", "Ủy ban nhân dân phường Thành Sen"


def _check(data: bytes, name: str = "quyet-dinh.pdf"):
    return result_document_check(file=ContentFile(data, name=name))


def _refusal(data: bytes, name: str = "quyet-dinh.pdf") -> ApplicationError:
    with pytest.raises(ApplicationError) as raised:
        _check(data, name)
    return raised.value


def test_a_pdf_signed_with_the_agencys_certificate_passes_with_its_signer():
    checked = _check(signed_result(Agency()))
    assert checked.signer == Agency.name
    assert checked.signed_at is not None and checked.name == "quyet-dinh.pdf"


def test_an_image_is_refused_as_not_a_pdf_even_when_named_pdf():
    buffer = io.BytesIO()
    page(["QUYẾT ĐỊNH"], dpi=50).save(buffer, format="PNG")
    error = _refusal(buffer.getvalue())
    assert error.code == "document_result_not_pdf"
    assert "quyet-dinh.pdf" in error.messages()["vi"] and "not a PDF" in error.messages()["en"]
    assert error.messages()["vi"] != error.messages()["en"]


def test_an_unsigned_pdf_is_refused():
    error = _refusal(result_pdf())
    assert error.code == "document_result_unsigned"
    assert "chữ ký số" in error.messages()["vi"]


def test_a_byte_changed_after_signing_is_refused():
    signed = bytearray(signed_result(Agency()))
    signed[signed.index(b"QUYET")] ^= 0x01  # one letter of the decision's text
    assert _refusal(bytes(signed)).code == "document_result_signature_broken"


def test_content_added_after_the_signature_is_refused():
    """GIVEN a signed result WHEN someone appends an update that changes the page THEN the signature no longer
    covers what is shown."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_result(Agency())), strict=False)
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page_obj = page_ref.get_object()
    forged = generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 700 Td (So 99/QD-UBND) Tj ET")
    page_obj["/Contents"] = writer.add_object(forged)
    writer.update_container(page_obj)
    out = io.BytesIO()
    writer.write(out)
    assert _refusal(out.getvalue()).code == "document_result_signature_broken"


def test_a_mangled_signature_value_is_refused():
    signed = bytearray(signed_result(Agency()))
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    blob = bytes(signed[start : signed.index(b">", start)]).rstrip(b"0")  # the CMS, without its zero padding
    # The signature value closes the CMS (no unsigned attributes follow it): change 20 of its last bytes. A fixed
    # offset from the start landed in the certificate for some generated keys, whose lengths vary by a few bytes.
    cut = start + len(blob) - 48
    signed[cut : cut + 40] = bytes(ord("1") if byte == ord("0") else ord("0") for byte in signed[cut : cut + 40])
    assert _refusal(bytes(signed)).code == "document_result_signature_broken"


def test_a_lookalike_certificate_from_another_ca_is_refused_as_untrusted(settings, tmp_path):
    """A forger makes a CA and an agency certificate with the very same names: the chain is not ours."""
    trusted = settings.DIGITIZATION_PKI_DIR
    settings.DIGITIZATION_PKI_DIR = tmp_path / "forger"
    forged = signed_result(Agency())
    settings.DIGITIZATION_PKI_DIR = trusted
    error = _refusal(forged)
    assert error.code == "document_result_signer_untrusted"
    assert Agency.name in error.messages()["en"]


def test_an_empty_or_oversized_file_is_refused_before_reading(settings):
    assert _refusal(b"").code == "document_empty"
    settings.DIGITIZATION_MAX_FILE_MB = 1
    assert _refusal(b"%PDF-1.7\n" + b"0" * (1024 * 1024)).code == "document_too_large"


def test_a_pdf_that_cannot_be_parsed_is_refused_as_damaged():
    assert _refusal(b"%PDF-1.7\n garbage without objects").code == "document_corrupt"


def test_the_file_is_rewound_for_the_caller_to_store():
    upload = ContentFile(signed_result(Agency()), name="q.pdf")
    result_document_check(file=upload)
    assert upload.read(5) == b"%PDF-"


@pytest.mark.django_db
def test_the_demo_command_signs_a_result_that_then_passes(tmp_path):
    from django.core.management import CommandError, call_command

    from motcua.agencies.models import Agency as AgencyRow
    from motcua.agencies.models import AgencyKind, AgencyLevel

    agency = AgencyRow.objects.create(
        code="H42.18", name=Agency.name, kind=AgencyKind.COMPETENT, level=AgencyLevel.CENTRAL
    )
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    source.write_bytes(result_pdf())
    call_command("sign_result_dev", agency.code, str(source), str(target), stdout=io.StringIO())
    assert _check(target.read_bytes()).signer == Agency.name
    with pytest.raises(CommandError):
        call_command("sign_result_dev", "H00.00", str(source), str(target), stdout=io.StringIO())
