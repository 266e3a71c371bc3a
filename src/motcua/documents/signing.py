"""PAdES signatures of digitized copies, with the receiving unit's certificate (pyHanko).

The signature is added as an incremental update, so the PDF/A-2b bytes before it are untouched and
the file stays PDF/A-2b. Which certificate: ``DIGITIZATION_SIGNING_P12`` when set (one unit signs
everything), else the development certificate of the receiving point made by ``manage.py pki_dev``.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from . import errors
from .pki import agency_unit, ensure_unit, point_unit, unit_p12_path

T = TypeVar("T")

FIELD_NAME = "motcua-digitization"
RESULT_FIELD_NAME = "motcua-agency-result"


def signing_p12_path(receiving_point: object | None) -> Path:
    if settings.DIGITIZATION_SIGNING_P12:
        return Path(settings.DIGITIZATION_SIGNING_P12)
    return unit_p12_path(point_unit(receiving_point).key)


@lru_cache(maxsize=64)
def _load_signer(path: str, mtime: float, password: str) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=password.encode())
    if signer is None:
        raise ValueError(f"cannot read the PKCS#12 file {path}")
    return signer


def signer_for(receiving_point: object | None) -> signers.SimpleSigner:
    path = signing_p12_path(receiving_point)
    if not path.exists():
        code = str(getattr(receiving_point, "code", "") or "-")
        raise errors.signing_unavailable(point=code)
    return p12_signer(path)


def signer_name(signer: signers.SimpleSigner) -> str:
    cert = signer.signing_cert
    assert cert is not None
    return str(cert.subject.native.get("common_name", cert.subject.human_friendly))


def outside_event_loop(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``function`` where it may start an event loop of its own.

    pyHanko's blocking API runs ``asyncio.run`` inside; that fails in a thread already running a loop (an
    ASGI server's, or a browser driver's in the tests). There it runs in a short-lived thread instead.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def agency_result_sign_dev(pdf_bytes: bytes, *, agency: object) -> bytes:
    """``pdf_bytes`` signed as the agency's leader would sign a result, with the agency's *development*
    certificate (made on first use). For demos and tests: a real agency signs with its own certificate
    before uploading, and motcua only checks it (see :mod:`motcua.documents.results`)."""
    path, _ = ensure_unit(agency_unit(agency))
    return pdf_sign(
        pdf_bytes,
        signer=p12_signer(path),
        field_name=RESULT_FIELD_NAME,
        reason="Phê duyệt kết quả giải quyết thủ tục hành chính",
        location=str(getattr(agency, "name", "") or ""),
    )


def document_sign(pdf_bytes: bytes, *, receiving_point: object | None) -> bytes:
    """The PDF with a PAdES B-B signature (SHA-256) of the unit, as an incremental update."""
    return pdf_sign(
        pdf_bytes,
        signer=signer_for(receiving_point),
        field_name=FIELD_NAME,
        reason=settings.DIGITIZATION_SIGN_REASON,
        location=str(getattr(receiving_point, "name", "") or ""),
    )


def p12_signer(path: Path) -> signers.SimpleSigner:
    """The signer of a PKCS#12 file protected by ``DIGITIZATION_P12_PASSWORD`` (cached while the file is unchanged)."""
    return _load_signer(str(path), path.stat().st_mtime, str(settings.DIGITIZATION_P12_PASSWORD))


def pdf_sign(pdf_bytes: bytes, *, signer: signers.SimpleSigner, field_name: str, reason: str, location: str) -> bytes:
    """``pdf_bytes`` with a PAdES B-B signature (SHA-256) by ``signer`` in a new field, as an incremental update."""
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=signer_name(signer),
        location=location,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    out = io.BytesIO()
    outside_event_loop(signers.PdfSigner(meta, signer=signer).sign_pdf, writer, output=out)
    return out.getvalue()
