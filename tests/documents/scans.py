"""Generated "scans" for the digitization tests: Pillow pages turned into PDFs, no scanner needed."""

from __future__ import annotations

import hashlib
import io
import random
import uuid
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from motcua.core.text import fold
from motcua.documents.models import Document, DocumentOrigin
from motcua.documents.separators import separator_sheet_pdf

A4 = (1240, 1754)  # 150 dpi
_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(_FONT, size)
    except OSError:
        return ImageFont.load_default(size=size)


def noisy(image: Image.Image, *, share: float = 0.01, seed: int = 1) -> Image.Image:
    """Salt-and-pepper noise on ``share`` of the pixels, as a dusty scanner glass leaves."""
    rng = random.Random(seed)
    image = image.convert("L").copy()
    pixels = image.load()
    assert pixels is not None
    width, height = image.size
    for _ in range(int(width * height * share)):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 255))
    return image


def text_page(title: str, *, lines: int = 25, seed: int = 0) -> Image.Image:
    """A page of a paper: a heading and lines of text."""
    rng = random.Random(seed)
    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    draw.text((150, 150), title, font=_font(48), fill=0)
    words = ["Cộng", "hòa", "xã", "hội", "chủ", "nghĩa", "Việt", "Nam", "giấy", "chứng", "nhận", "số"]
    for row in range(lines):
        text = " ".join(rng.choice(words) for _ in range(10))
        draw.text((150, 280 + row * 52), text, font=_font(30), fill=0)
    return image


def sparse_page() -> Image.Image:
    """A page with a single short line (the last page of a letter)."""
    image = Image.new("L", A4, 255)
    ImageDraw.Draw(image).text((150, 200), "Nơi nhận: như trên.", font=_font(30), fill=0)
    return image


def form_page() -> Image.Image:
    """A ruled form: a thin border around the page and a table."""
    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((90, 90, A4[0] - 90, A4[1] - 90), outline=0, width=4)
    for y in range(300, 1500, 100):
        draw.line((120, y, A4[0] - 120, y), fill=0, width=3)
    draw.text((150, 150), "TỜ KHAI", font=_font(60), fill=0)
    return image


def blank_page(*, seed: int = 2, share: float = 0.02) -> Image.Image:
    """A blank sheet as a scanner sees it: off-white, noisy, a few specks of dust."""
    rng = random.Random(seed)
    image = Image.new("L", A4, 250)
    draw = ImageDraw.Draw(image)
    for _ in range(15):
        x, y = rng.randrange(A4[0]), rng.randrange(A4[1])
        draw.ellipse((x, y, x + 2, y + 2), fill=30)
    return noisy(image, share=share, seed=seed)


def scanned_separator(*, angle: float = 2.0, seed: int = 3) -> Image.Image:
    """motcua's separator sheet, printed, then scanned a little crooked with some noise."""
    pdf = pdfium.PdfDocument(separator_sheet_pdf())
    image = pdf[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    image = image.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    return noisy(image, share=0.01, seed=seed)


def write_pdf(path: Path, pages: list[Image.Image]) -> Path:
    first, *rest = [page.convert("L") for page in pages]
    first.save(path, format="PDF", resolution=150, save_all=True, append_images=rest)
    return path


def pdf_bytes(pages: list[Image.Image]) -> bytes:
    buffer = io.BytesIO()
    first, *rest = [page.convert("L").resize((310, 438)) for page in pages]
    first.save(buffer, format="PDF", resolution=37.5, save_all=True, append_images=rest)
    return buffer.getvalue()


def make_document(
    *,
    owner: str = "042098001234",
    kind: str = "Giấy khai sinh",
    title: str = "Giấy khai sinh Nguyễn Văn An",
    text: str = "Giấy khai sinh số 123, Nguyễn Văn An, sinh ngày 01/02/1990 tại Hà Tĩnh",
    pages: int = 2,
    **fields: Any,
) -> Document:
    """A stored document made directly (no OCR): a small real PDF, its hash, its text folded for search."""
    content = pdf_bytes([text_page(f"{title} {uuid.uuid4().hex[:6]}", lines=3, seed=n) for n in range(pages)])
    sha = hashlib.sha256(content).hexdigest()
    document = Document(
        owner_id_number=owner,
        kind=kind,
        title=title,
        origin=fields.pop("origin", DocumentOrigin.SCAN),
        sha256=sha,
        source_sha256=sha,
        pages=pages,
        ocr_text=text,
        search_text=fold(f"{title} {text}"),
        **fields,
    )
    document.file.save("doc.pdf", ContentFile(content), save=False)
    document.save()
    return document
