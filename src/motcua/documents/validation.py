"""What a file given for digitization really is, and whether it can safely be processed.

The type is sniffed from the bytes, never taken from the name: a PDF named ``.jpg`` is processed as a
PDF, a text file named ``.pdf`` is refused. Every refusal is an :class:`ApplicationError` with a stable
code (``document_*``), raised before anything is stored or queued.

The work a file may cost is bounded before any pixel is decoded: its size, its pages, and each page's pixels
(``DIGITIZATION_MAX_MEGAPIXELS``, all images of a PDF page together), read from headers; a value in those headers
that is not a number, or a PDF cut off before its ``%%EOF``, is refused as corrupt. See ``docs/digitization.md``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pikepdf
from django.conf import settings
from PIL import Image, ImageFile, ImageSequence, UnidentifiedImageError

from . import errors

_DECODING = threading.Lock()

PDF, JPEG, PNG, TIFF = "pdf", "jpeg", "png", "tiff"
EXTENSIONS = {PDF: {".pdf"}, JPEG: {".jpg", ".jpeg", ".jpe"}, PNG: {".png"}, TIFF: {".tif", ".tiff"}}
#: A page side longer than this (in points; A0 is 3370) is not a scanned paper but a bomb or a poster.
MAX_PAGE_SIDE_PT = 7200
#: The last line of a PDF is ``%%EOF`` (ISO 32000-1 §7.5.5); qpdf and Acrobat look for it in the last kilobyte.
PDF_TAIL = 1024


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    name: str
    kind: str
    pages: int
    size: int

    @property
    def extension_matches(self) -> bool:
        """False when the name's extension says another type than the bytes (the file is still accepted)."""
        return Path(self.name).suffix.lower() in EXTENSIONS[self.kind]


def sniff(head: bytes) -> str | None:
    """The accepted type of a file from its first bytes, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    # The PDF header may follow a little junk; readers accept it within the first kilobyte.
    if b"%PDF-" in head[:1024]:
        return PDF
    return None


def validate_file(path: Path, *, name: str | None = None) -> CheckedFile:
    """Check one file; return its real type and page count or raise a ``document_*`` error."""
    name = name or path.name
    size = os.path.getsize(path)
    if size == 0:
        raise errors.empty(name=name)
    limit_mb = settings.DIGITIZATION_MAX_FILE_MB
    if size > limit_mb * 1024 * 1024:
        raise errors.too_large(name=name, limit_mb=limit_mb)
    with open(path, "rb") as fh:
        kind = sniff(fh.read(1024))
    if kind is None:
        raise errors.unsupported_type(name=name)
    pages = _pdf_pages(path, name) if kind == PDF else _image_pages(path, name)
    if pages > settings.DIGITIZATION_MAX_PAGES:
        raise errors.too_many_pages(pages=pages, limit=settings.DIGITIZATION_MAX_PAGES)
    return CheckedFile(path=path, name=name, kind=kind, pages=pages, size=size)


def validate_files(paths: list[tuple[Path, str]]) -> list[CheckedFile]:
    """Check several files given together: each one, then their pages together against the limit."""
    if not paths:
        raise errors.no_files()
    checked = [validate_file(path, name=name) for path, name in paths]
    total = sum(c.pages for c in checked)
    if total > settings.DIGITIZATION_MAX_PAGES:
        raise errors.too_many_pages(pages=total, limit=settings.DIGITIZATION_MAX_PAGES)
    return checked


def _max_pixels() -> int:
    return int(settings.DIGITIZATION_MAX_MEGAPIXELS * 1_000_000)


def _pdf_pages(path: Path, name: str) -> int:
    if not _ends_with_eof(path):
        raise errors.corrupt(name=name)  # cut off: an upload or a copy that stopped half-way
    try:
        # No recovery: a truncated or patched-up file is refused rather than silently half-read.
        pdf = pikepdf.open(path, attempt_recovery=False)
    except pikepdf.PasswordError as exc:
        raise errors.encrypted(name=name) from exc
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise errors.corrupt(name=name) from exc
    with pdf:
        if pdf.is_encrypted:
            # Opened without a password (owner password only): still refused, OCRmyPDF cannot rewrite it.
            raise errors.encrypted(name=name)
        try:
            pages = len(pdf.pages)
            if pages == 0:
                raise errors.corrupt(name=name)
            if pages > settings.DIGITIZATION_MAX_PAGES:
                raise errors.too_many_pages(pages=pages, limit=settings.DIGITIZATION_MAX_PAGES)
            for page in pdf.pages:
                _check_pdf_page(page, name)
        except (pikepdf.PdfError, TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
            # A value of the wrong type where the format wants a number or a dictionary: not a valid PDF.
            raise errors.corrupt(name=name) from exc
    return pages


def _ends_with_eof(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(max(os.path.getsize(path) - PDF_TAIL, 0))
        return b"%%EOF" in fh.read()


def _check_pdf_page(page: pikepdf.Page, name: str) -> None:
    """The page's size and its images' pixels, all together, from the objects' headers (nothing decoded)."""
    box = [_number(value) for value in page.mediabox]
    width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
    if max(width, height) > MAX_PAGE_SIDE_PT:
        raise errors.image_too_large(name=name, limit_mp=settings.DIGITIZATION_MAX_MEGAPIXELS)
    pixels = 0
    for image in page.get_images().values():
        pixels += _dimension(image.get("/Width")) * _dimension(image.get("/Height"))
        if pixels > _max_pixels():
            raise errors.image_too_large(name=name, limit_mp=settings.DIGITIZATION_MAX_MEGAPIXELS)


def _number(value: object) -> float:
    """A PDF number (pikepdf gives integers as ``int``, reals as ``Decimal``); anything else is a TypeError."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"not a PDF number: {value!r}")
    return float(value)


def _dimension(value: object) -> int:
    """An image's width or height: a positive integer (ISO 32000-1 §8.9.5, the image dictionary), else a ValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"not an image dimension: {value!r}")
    return value


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """Decode images strictly: WeasyPrint, imported by the slips, lets Pillow accept truncated images for the
    whole process, which would let a half-uploaded scan through."""
    with _DECODING:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _image_pages(path: Path, name: str) -> int:
    limit = _max_pixels()
    try:
        with _strict_decoding(), Image.open(path) as image:
            pages = 0
            for frame in ImageSequence.Iterator(image):
                pages += 1
                if pages > settings.DIGITIZATION_MAX_PAGES:
                    raise errors.too_many_pages(pages=pages, limit=settings.DIGITIZATION_MAX_PAGES)
                width, height = frame.size
                # Checked on the header, before decoding: a bomb is refused without being expanded.
                if width * height > limit:
                    raise errors.image_too_large(name=name, limit_mp=settings.DIGITIZATION_MAX_MEGAPIXELS)
                frame.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise errors.image_too_large(name=name, limit_mp=settings.DIGITIZATION_MAX_MEGAPIXELS) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise errors.corrupt(name=name) from exc
    return pages
