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
from .pki import point_unit, unit_p12_path

T = TypeVar("T")

FIELD_NAME = "motcua-digitization"


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
    return _load_signer(str(path), path.stat().st_mtime, str(settings.DIGITIZATION_P12_PASSWORD))


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


def document_sign(pdf_bytes: bytes, *, receiving_point: object | None) -> bytes:
    """The PDF with a PAdES B-B signature (SHA-256) of the unit, as an incremental update."""
    signer = signer_for(receiving_point)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=settings.DIGITIZATION_SIGN_REASON,
        name=signer_name(signer),
        location=str(getattr(receiving_point, "name", "") or ""),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    out = io.BytesIO()
    outside_event_loop(signers.PdfSigner(meta, signer=signer).sign_pdf, writer, output=out)
    return out.getvalue()
