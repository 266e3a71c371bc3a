"""Signatures as the postman's phone sends them: PNGs drawn on a transparent pad."""

from __future__ import annotations

import base64
import io

from motcua.postal.models import Signer


def drawn_png(*, blank: bool = False, width: int = 300, height: int = 120) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    if not blank:
        ImageDraw.Draw(image).line([(10, 90), (80, 20), (150, 100), (280, 30)], fill=(11, 31, 77, 255), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def both_signed() -> dict[Signer, bytes]:
    return {Signer.POSTMAN: drawn_png(), Signer.APPLICANT: drawn_png()}


SEAL = "NP-0042-1187"
