"""Result documents for approvals: a small PDF, signed as the agency would sign it (development PKI)."""

from __future__ import annotations

import io

import pikepdf
from django.core.files.base import ContentFile

from motcua.documents.signing import agency_result_sign_dev
from tests.documents.pipeline_samples import _pki_dir, pki

__all__ = ["_pki_dir", "pki", "result_pdf", "signed_result", "signed_result_file"]


def result_pdf(text: str = "QUYET DINH So 58/QD-UBND") -> bytes:
    """A one-page PDF with ``text`` (ASCII) in Helvetica: a born-digital decision, unsigned."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    content = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(content),
    )
    pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)  # the text stays readable in the bytes, for tests that alter it
    return out.getvalue()


def signed_result(agency: object, text: str = "QUYET DINH So 58/QD-UBND") -> bytes:
    return agency_result_sign_dev(result_pdf(text), agency=agency)


def signed_result_file(agency: object, name: str = "quyet-dinh.pdf") -> ContentFile:
    return ContentFile(signed_result(agency), name=name)
