"""Separator sheets: cutting one batch scan into the components it holds.

A clerk scans several papers in one go and puts a separator sheet between them: either a blank sheet
or motcua's printable separator (a thick black frame around a large bold "TÁCH HỒ SƠ / SEPARATOR").
Both are found with Pillow alone, on pages rendered at a low resolution by pypdfium2:

- **blank**: after a 3×3 median filter (which removes salt-and-pepper scanner noise) and a threshold,
  almost no dark pixel is left inside the page, margins excluded (a skewed sheet shows dark scanner
  background at its edges);
- **separator sheet**: each of the four sides has a band of dark rows (columns) at least a few
  millimetres thick, while the inside of the frame is mostly light. A ruled form's thin border does not
  make a band; a slight skew (a few degrees) keeps the band about as thick, so it is still found.

Duplex scans of one-sided papers produce blank backs; a batch scanned that way must use the printed
separator sheet and ``blank_sheets=False``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

#: Rendering resolution for detection: enough for a 5 mm band, cheap for a 100-page batch.
DETECT_DPI = 50
#: Grey level under which a pixel counts as ink.
INK_THRESHOLD = 200
#: A page whose interior has less ink than this share of its pixels is blank.
BLANK_INK_SHARE = 0.0004
#: Share of the page left out at each edge when looking for ink on a blank page.
BLANK_MARGIN = 0.06
#: A row (column) belongs to a frame band when this share of it is ink.
BAND_ROW_INK = 0.5
#: A side has a frame band when at least this share of the page's short side is made of band rows.
BAND_MIN_THICKNESS = 0.018
#: Where the frame is looked for: this share of the page at each side.
BAND_SEARCH = 0.22
#: The inside of a separator's frame holds text but is mostly paper.
INSIDE_MAX_INK = 0.4

# The printed sheet, as shares of the page width (A4 at 150 dpi).
_SHEET_DPI = 150
_SHEET_SIZE = (1240, 1754)
_FRAME_MARGIN = 0.07
_FRAME_THICKNESS = 0.05
_FONTS = (
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


def split_pages(pdf_path: Path, *, blank_sheets: bool = True) -> list[list[int]]:
    """The page indexes (from 0) of each component in a batch scan, cut at separator sheets.

    Separator pages are dropped, and so are empty groups (two separators in a row, or one at either
    end). A batch without any separator is one group.
    """
    groups: list[list[int]] = [[]]
    for index, image in _render_pages(pdf_path):
        if is_separator_sheet(image) or (blank_sheets and is_blank(image)):
            groups.append([])
        else:
            groups[-1].append(index)
    return [group for group in groups if group]


def _render_pages(pdf_path: Path) -> Iterator[tuple[int, Image.Image]]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                bitmap = page.render(scale=DETECT_DPI / 72, grayscale=True)
                yield index, bitmap.to_pil().convert("L")
            finally:
                page.close()
    finally:
        pdf.close()


def _ink_mask(image: Image.Image) -> Image.Image:
    """Black-and-white, ink = 255, with isolated noise pixels removed."""
    grey = image.convert("L").filter(ImageFilter.MedianFilter(3))
    return grey.point(lambda value: 255 if value < INK_THRESHOLD else 0)


def _ink_share(mask: Image.Image) -> float:
    histogram = mask.histogram()
    total = sum(histogram)
    return histogram[255] / total if total else 0.0


def is_blank(image: Image.Image) -> bool:
    """True for a page with (almost) no ink inside its margins."""
    width, height = image.size
    dx, dy = int(width * BLANK_MARGIN), int(height * BLANK_MARGIN)
    inside = _ink_mask(image.crop((dx, dy, width - dx, height - dy)))
    return _ink_share(inside) < BLANK_INK_SHARE


def _band_lines(mask: Image.Image, *, horizontal: bool) -> list[bool]:
    """For each row (or column) of ``mask``: is it mostly ink?"""
    width, height = mask.size
    if horizontal:
        # Squash each row to one pixel: its mean is the row's ink share.
        profile = mask.resize((1, height), Image.Resampling.BOX)
        values = [profile.getpixel((0, y)) for y in range(height)]
    else:
        profile = mask.resize((width, 1), Image.Resampling.BOX)
        values = [profile.getpixel((x, 0)) for x in range(width)]
    return [isinstance(v, int | float) and v >= BAND_ROW_INK * 255 for v in values]


def is_separator_sheet(image: Image.Image) -> bool:
    """True for motcua's printed separator sheet (thick frame on all four sides, light inside)."""
    mask = _ink_mask(image)
    width, height = mask.size
    min_lines = max(2, int(min(width, height) * BAND_MIN_THICKNESS))
    sx, sy = int(width * BAND_SEARCH), int(height * BAND_SEARCH)
    # Each side is searched in its own strip, without the corners (which belong to two sides).
    sides = (
        _band_lines(mask.crop((sx, 0, width - sx, sy)), horizontal=True),
        _band_lines(mask.crop((sx, height - sy, width - sx, height)), horizontal=True),
        _band_lines(mask.crop((0, sy, sx, height - sy)), horizontal=False),
        _band_lines(mask.crop((width - sx, sy, width, height - sy)), horizontal=False),
    )
    if not all(sum(lines) >= min_lines for lines in sides):
        return False
    inside = mask.crop((sx, sy, width - sx, height - sy))
    return _ink_share(inside) < INSIDE_MAX_INK


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def separator_sheet_image() -> Image.Image:
    """The separator sheet as an A4 page at 150 dpi (black on white)."""
    width, height = _SHEET_SIZE
    image = Image.new("L", _SHEET_SIZE, 255)
    draw = ImageDraw.Draw(image)
    margin, thickness = int(width * _FRAME_MARGIN), int(width * _FRAME_THICKNESS)
    for step in range(thickness):
        draw.rectangle((margin + step, margin + step, width - margin - step, height - margin - step), outline=0)
    lines = (("TÁCH HỒ SƠ", 150), ("SEPARATOR", 120), ("motcua", 48))
    y = height // 2 - 260
    for text, size in lines:
        font = _font(size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        draw.text(((width - (right - left)) // 2 - left, y - top), text, font=font, fill=0)
        y += int(bottom - top) + 90
    return image


def separator_sheet_pdf() -> bytes:
    """A printable PDF of the separator sheet, to put between the papers of a batch scan."""
    buffer = io.BytesIO()
    separator_sheet_image().convert("1").save(buffer, format="PDF", resolution=_SHEET_DPI)
    return buffer.getvalue()
