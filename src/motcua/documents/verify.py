"""Checking the signature of a stored document: intact, by whom, when, and whether we trust the signer.

The same check can be made outside motcua with ``pdfsig`` (poppler-utils); see docs/digitization.md.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from .pki import ca_cert_path
from .signing import outside_event_loop

log = logging.getLogger(__name__)


@dataclass
class Verification:
    intact: bool
    trusted: bool
    signer: str = ""
    signed_at: datetime | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and not self.problems


def trust_roots() -> list[asn1_x509.Certificate]:
    paths = [Path(p) for p in settings.DIGITIZATION_TRUST_ROOTS] or [ca_cert_path()]
    roots = []
    for path in paths:
        if not path.exists():
            continue
        data = path.read_bytes()
        if not data:
            continue
        if pem.detect(data):
            roots += [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        else:
            roots.append(asn1_x509.Certificate.load(data))
    return roots


def pdf_verify(pdf_bytes: bytes) -> Verification:
    """Verify the last signature of a PDF against the configured trust roots (no network)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # any parse failure means the file is not what was signed
        log.info("unreadable signed PDF: %s", exc)
        return Verification(intact=False, trusted=False, problems=[_("The file cannot be read as a PDF.")])
    if not signatures:
        return Verification(intact=False, trusted=False, problems=[_("The file is not signed.")])
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False, revocation_mode="soft-fail")
    try:
        status: Any = outside_event_loop(validate_pdf_signature, signatures[-1], signer_validation_context=context)
    except Exception as exc:  # a mangled signature dictionary is a broken signature
        log.info("signature check failed: %s", exc)
        return Verification(intact=False, trusted=False, problems=[_("The signature cannot be read.")])
    problems = []
    if not status.intact or not status.valid:
        problems.append(_("The document was changed after it was signed."))
    if not status.trusted:
        problems.append(_("The signer's certificate is not issued by a trusted authority."))
    if status.coverage is None or status.coverage.name != "ENTIRE_FILE":
        problems.append(_("Content was added to the file after it was signed."))
    cert = status.signing_cert
    signer = str(cert.subject.native.get("common_name", cert.subject.human_friendly)) if cert else ""
    return Verification(
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer=signer,
        signed_at=status.signer_reported_dt,
        problems=[str(p) for p in problems],
    )


def document_verify(document: Any) -> Verification:
    """Verify a stored :class:`~motcua.documents.models.Document`'s file."""
    with document.file.open("rb") as fh:
        return pdf_verify(fh.read())
