"""The list of papers collected at a home pickup, and the signatures drawn under it on the postman's phone.

Circular 17/2017/TT-BTTTT, art. 5 (docs/domain.md, "The postal steps of a home pickup and a delivery"): the
postman lists the papers, each original or copy, and the postman and the applicant both sign the list. The
list is kept on the order (``papers``); ``papers_digest`` is the SHA-256 of its canonical JSON with the
order's number, and each signature stores the digest of the list it was drawn under, so a list changed
afterwards no longer matches its signatures (:func:`signatures_valid`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile

from ..models import PaperListSignature, PostalOrder, Signer
from . import errors

MAX_SIGNATURE_BYTES = 300_000
MAX_SIGNATURE_SIDE = 2000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def papers_digest(*, number: str, papers: list[dict[str, Any]]) -> str:
    """SHA-256 of the order's number and its list of papers, in a canonical JSON form."""
    canonical = json.dumps({"order": number, "papers": papers}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def signature_png(*, data: str | bytes, signer: Signer) -> bytes:
    """The PNG bytes of a signature drawn on the screen, from a ``data:image/png;base64,…`` URL or raw bytes.

    Refused (``postal_signature_missing`` / ``postal_signature_invalid``): nothing, not a PNG image, larger
    than 300 kB or 2000 px, or a blank pad (no stroke at all).
    """
    if isinstance(data, str):
        text = data.strip()
        if not text:
            raise errors.signature_missing(signer=signer.label)
        _, _, encoded = text.partition("data:image/png;base64,")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise errors.signature_invalid(signer=signer.label) from None
    else:
        raw = data
    if not raw:
        raise errors.signature_missing(signer=signer.label)
    if len(raw) > MAX_SIGNATURE_BYTES or not raw.startswith(PNG_MAGIC):
        raise errors.signature_invalid(signer=signer.label)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format != "PNG" or max(image.size) > MAX_SIGNATURE_SIDE:
                raise errors.signature_invalid(signer=signer.label)
            image.load()
            ink = image.getchannel("A") if "A" in image.getbands() else image.convert("L").point(lambda v: 255 - v)
            if ink.getbbox() is None:
                raise errors.signature_missing(signer=signer.label)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise errors.signature_invalid(signer=signer.label) from None
    return raw


def signatures_record(
    *, order: PostalOrder, signatures: Mapping[Signer, bytes], names: Mapping[Signer, str], at: datetime
) -> list[PaperListSignature]:
    """Store both sides' signatures under the order's current list (its ``papers_digest``)."""
    stored = []
    for signer in (Signer.POSTMAN, Signer.APPLICANT):
        signature = PaperListSignature(
            order=order, signer=signer, signer_name=names[signer], papers_digest=order.papers_digest, signed_at=at
        )
        signature.image.save("signature.png", ContentFile(signatures[signer]), save=False)
        signature.save()
        stored.append(signature)
    return stored


def signatures_valid(order: PostalOrder) -> bool:
    """Both sides signed, and the list they signed is the list the order holds now."""
    current = papers_digest(number=order.tracking_number, papers=order.papers)
    if order.papers_digest != current:
        return False
    signed = {s.signer: s.papers_digest for s in order.signatures.all()}
    return all(signed.get(side) == current for side in (Signer.POSTMAN, Signer.APPLICANT))
