"""The signed result document of an approval: a PDF whose PAdES signatures hold, or a refusal.

The result (a licence, a certificate, a decision) is signed by the competent agency — its leader, with the
agency's certificate — before it is uploaded. motcua checks that signature; it never signs a result on upload,
since that would put a signature under a decision nobody at the agency signed (docs/domain.md, "Trust: signed
results, need to know, steps and roles", "Signed results").

The rule, for every signature in the file: the signed bytes are unchanged (intact), the cryptography holds
(valid), the certificate chains to a configured trust root (``DIGITIZATION_TRUST_ROOTS``). After the last
signature only validation data (LTA updates) may follow; after an earlier one, only further signatures.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from motcua.core.errors import ApplicationError

from . import errors
from .signing import outside_event_loop
from .validation import PDF, sniff
from .verify import trust_roots

log = logging.getLogger(__name__)

# What may follow a signature in the file: after the last one, validation data only (a DSS, a timestamp);
# after an earlier one, also the fields and signatures of later signers.
_AFTER_LAST = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
_AFTER_EARLIER = (*_AFTER_LAST, ModificationLevel.FORM_FILLING)


@dataclass(frozen=True)
class SignedResult:
    """A result document that passed: who signed it last and when (as the signature says)."""

    name: str
    size: int
    signer: str
    signed_at: datetime | None


def result_document_check(*, file: Any) -> SignedResult:
    """Check an uploaded result document (a Django ``File``) or raise a ``document_*`` error naming it.

    The file is read whole (it is bounded by ``DIGITIZATION_MAX_FILE_MB``) and rewound for the caller to store.
    Every error concerns the input ``result_file``.
    """
    try:
        return _checked(file)
    except ApplicationError as error:
        error.at("result_file")
        raise


def _checked(file: Any) -> SignedResult:
    name = os.path.basename(getattr(file, "name", "") or "") or "result.pdf"
    data = _read(file, name)
    if sniff(data[:1024]) != PDF:
        raise errors.result_not_pdf(name=name)
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as exc:  # any parse failure: a damaged or disguised file
        log.info("unreadable result PDF %s: %s", name, exc)
        raise errors.corrupt(name=name) from exc
    if not signatures:
        raise errors.result_unsigned(name=name)
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False, revocation_mode="soft-fail")
    last: Any = None
    for index, signature in enumerate(signatures):
        status = _status(signature, context, name)
        allowed = _AFTER_LAST if index == len(signatures) - 1 else _AFTER_EARLIER
        if not (status.intact and status.valid) or status.modification_level not in allowed:
            raise errors.result_signature_broken(name=name)
        if not status.trusted:
            raise errors.result_signer_untrusted(name=name, signer=_signer(status))
        last = status
    return SignedResult(name=name, size=len(data), signer=_signer(last), signed_at=last.signer_reported_dt)


def _read(file: Any, name: str) -> bytes:
    limit_mb = settings.DIGITIZATION_MAX_FILE_MB
    size = getattr(file, "size", None)
    if size is not None and size > limit_mb * 1024 * 1024:
        raise errors.too_large(name=name, limit_mb=limit_mb)
    file.seek(0)
    data = file.read(limit_mb * 1024 * 1024 + 1)
    file.seek(0)
    if not data:
        raise errors.empty(name=name)
    if len(data) > limit_mb * 1024 * 1024:
        raise errors.too_large(name=name, limit_mb=limit_mb)
    return bytes(data)


def _status(signature: Any, context: ValidationContext, name: str) -> Any:
    try:
        return outside_event_loop(validate_pdf_signature, signature, signer_validation_context=context)
    except Exception as exc:  # a mangled signature dictionary or CMS blob is a broken signature
        log.info("signature of result %s cannot be checked: %s", name, exc)
        raise errors.result_signature_broken(name=name) from exc


def _signer(status: Any) -> str:
    cert = status.signing_cert
    if cert is None:
        return "?"
    return str(cert.subject.native.get("common_name", cert.subject.human_friendly))
