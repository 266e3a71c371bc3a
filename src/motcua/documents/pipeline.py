"""The digitization pipeline as pure steps on files in a working folder; no database.

validate → combine (images to PDF pages, files joined in order) → [split at separator sheets] →
OCR (OCRmyPDF: deskew, rotate, clean with unpaper, Tesseract, PDF/A-2b) → text, page count, SHA-256 →
metadata guessed from the text. Signing and storage come after (``signing``, ``services``).

:func:`digitize_files` runs it all on paths and is what the benchmark calls.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import img2pdf
import ocrmypdf
import pikepdf
import pypdfium2 as pdfium
from django.conf import settings
from PIL import Image, ImageOps, ImageSequence

from . import errors
from .validation import PDF, CheckedFile, validate_files

log = logging.getLogger(__name__)

#: ``progress(step, done, total)``: called as pages are processed.
Progress = Callable[[str, int, int], None]

STEP_VALIDATE, STEP_COMBINE, STEP_OCR, STEP_SIGN, STEP_STORE = "validate", "combine", "ocr", "sign", "store"


@dataclass
class Metadata:
    """What the text of a paper says about it, when it says it plainly. Empty fields: not found."""

    id_number: str = ""
    number: str = ""
    issuer: str = ""
    issued_on: date | None = None
    valid_until: date | None = None


@dataclass
class ProcessedPdf:
    path: Path
    pages: int
    text: str
    sha256: str
    source_sha256: str
    metadata: Metadata = field(default_factory=Metadata)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_digest(paths: list[Path]) -> str:
    """SHA-256 of what was scanned: the file's own hash, or for several files the hash of their hashes."""
    hashes = [sha256_file(p) for p in paths]
    if len(hashes) == 1:
        return hashes[0]
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()


# --- combine ----------------------------------------------------------------------------------------


def combine(files: list[CheckedFile], out: Path) -> Path:
    """One PDF holding every page of ``files`` in order: images become pages at their own resolution."""
    workdir = out.parent
    with pikepdf.new() as combined:
        for index, checked in enumerate(files):
            part = checked.path if checked.kind == PDF else _image_to_pdf(checked, workdir / f"image-{index}.pdf")
            with pikepdf.open(part) as src:
                combined.pages.extend(src.pages)
        combined.save(out)
    return out


def _image_to_pdf(checked: CheckedFile, out: Path) -> Path:
    default_dpi = settings.DIGITIZATION_DEFAULT_DPI
    pages: list[bytes] = []
    with Image.open(checked.path) as image:
        for number, frame in enumerate(ImageSequence.Iterator(image)):
            dpi = _dpi(frame.info.get("dpi"), default_dpi)
            page = ImageOps.exif_transpose(frame)
            if page.mode not in ("L", "RGB", "1"):
                page = page.convert("RGB")
            path = out.with_name(f"{out.stem}-{number}.png")
            # PNG is lossless; a JPEG is re-encoded once here rather than kept, simpler than special-casing it.
            page.save(path, format="PNG", dpi=(dpi, dpi))
            layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
            pages.append(img2pdf.convert(str(path), layout_fun=layout))
    with pikepdf.new() as pdf:
        for index, data in enumerate(pages):
            page_path = out.with_name(f"{out.stem}-page-{index}.pdf")
            page_path.write_bytes(data)
            with pikepdf.open(page_path) as src:
                pdf.pages.extend(src.pages)
        pdf.save(out)
    return out


def _dpi(value: Any, default: int) -> int:
    try:
        dpi = round(float(value[0]))
    except (TypeError, ValueError, IndexError):
        return default
    # Some cameras write 72 or 1; nobody scans papers that coarsely.
    return dpi if dpi >= 100 else default


# --- split ------------------------------------------------------------------------------------------


def split(pdf_path: Path, groups: list[list[int]], workdir: Path) -> list[Path]:
    """One PDF per group of page indexes (from 0), in order; other pages (separators) are left out."""
    parts = []
    for number, group in enumerate(groups):
        out = workdir / f"part-{number}.pdf"
        with pikepdf.open(pdf_path) as pdf:
            keep = set(group)
            for index in reversed(range(len(pdf.pages))):
                if index not in keep:
                    del pdf.pages[index]
            pdf.save(out)
        parts.append(out)
    return parts


# --- OCR --------------------------------------------------------------------------------------------

_local = threading.local()


class _PageProgress:
    """OCRmyPDF's progress-bar protocol, forwarding its per-page OCR count to the running job."""

    def __init__(self, *, total: float | None = None, desc: str | None = None, **kwargs: Any) -> None:
        self.total = int(total or 0)
        self.desc = desc or ""
        self.done = 0.0
        self.callback: Progress | None = getattr(_local, "progress", None)

    def __enter__(self) -> _PageProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: float = 1, *, completed: float | None = None) -> None:
        self.done = completed if completed is not None else self.done + n
        # Only the page loop ("OCR") counts pages; other bars count images or percent.
        if self.callback is not None and self.desc == "OCR" and self.total:
            self.callback(STEP_OCR, min(int(self.done + 1e-6), self.total), self.total)


@ocrmypdf.hookimpl
def get_progressbar_class() -> type[_PageProgress]:
    return _PageProgress


def unpaper_available() -> bool:
    return shutil.which("unpaper") is not None


def ocr(source: Path, out: Path, *, progress: Progress | None = None) -> Path:
    """Deskew, rotate, OCR and convert to PDF/A-2b; pages that already hold text are kept as they are."""
    # Pages that already hold text (a born-digital result) keep it. Ghostscript 10.0–10.02 (Debian 12)
    # corrupts such pages, so OCRmyPDF's own PDF/A conversion is used for them instead.
    has_text = any(text.strip() for text in page_texts(source))
    _local.progress = progress
    try:
        ocrmypdf.ocr(
            source,
            out,
            language=settings.DIGITIZATION_OCR_LANGUAGES,
            output_type="pdfa-2",
            deskew=True,
            rotate_pages=True,
            clean=settings.DIGITIZATION_CLEAN and unpaper_available(),
            mode="skip" if has_text else None,
            pdfa_backend="internal" if has_text else None,
            jobs=settings.DIGITIZATION_OCR_JOBS or None,
            max_image_mpixels=float(settings.DIGITIZATION_MAX_MEGAPIXELS),
            progress_bar=True,
            plugins=[__name__],
        )
    except ocrmypdf.exceptions.EncryptedPdfError as exc:
        raise errors.encrypted(name=source.name) from exc
    except (ocrmypdf.exceptions.InputFileError, ocrmypdf.exceptions.DigitalSignatureError) as exc:
        raise errors.corrupt(name=source.name) from exc
    except ocrmypdf.exceptions.ExitCodeException as exc:
        raise errors.ocr_failed(detail=str(exc) or type(exc).__name__) from exc
    finally:
        _local.progress = None
    return out


def page_texts(pdf_path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


# --- metadata ---------------------------------------------------------------------------------------

_ID_LABEL = re.compile(r"(?:số\s+(?:định\s+danh|CCCD|căn\s+cước)[^0-9\n]{0,30}|CCCD[^0-9\n]{0,10})(\d{12})\b", re.I)
_ID_ANY = re.compile(r"(?<!\d)(\d{12})(?!\d)")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?!\d)")
_WORDS_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_ISSUED = re.compile(r"(?:ngày\s+cấp|cấp\s+ngày|date\s+of\s+issue)", re.I)
_VALID = re.compile(r"(?:có\s+giá\s+trị\s+đến|giá\s+trị\s+đến|date\s+of\s+expiry|hết\s+hạn)", re.I)
_NUMBER = re.compile(r"^\s*Số\s*[:.]?\s*([0-9]{1,7}\s*/\s*[0-9A-ZĐ/\-]{2,40})", re.M)


def guess_metadata(text: str) -> Metadata:
    """Conservative guesses: a field is filled only when the text states it in a recognisable form."""
    meta = Metadata()
    labelled = _ID_LABEL.search(text)
    if labelled:
        meta.id_number = labelled.group(1)
    else:
        ids = set(_ID_ANY.findall(text))
        if len(ids) == 1:
            meta.id_number = ids.pop()
    number = _NUMBER.search(text)
    if number:
        meta.number = re.sub(r"\s+", "", number.group(1))
    for line in text.splitlines():
        found = _first_date(line)
        if found is None:
            continue
        if _VALID.search(line) and meta.valid_until is None:
            meta.valid_until = found
        elif _ISSUED.search(line) and meta.issued_on is None:
            meta.issued_on = found
    if meta.issued_on is None:
        # The date line of an administrative paper: "…, ngày 15 tháng 3 năm 2021".
        words = _WORDS_DATE.search(text)
        if words:
            meta.issued_on = _date(*words.groups())
    return meta


def _first_date(line: str) -> date | None:
    for match in _DATE.finditer(line):
        found = _date(*match.groups())
        if found:
            return found
    return None


def _date(day: str, month: str, year: str) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if 1900 <= found.year <= 2200 else None


# --- the whole ------------------------------------------------------------------------------------


def process(source: Path, out: Path, *, source_sha256: str, progress: Progress | None = None) -> ProcessedPdf:
    """OCR one combined PDF into ``out`` and describe the result."""
    ocr(source, out, progress=progress)
    texts = page_texts(out)
    text = "\n\f".join(texts)
    return ProcessedPdf(
        path=out,
        pages=len(texts),
        text=text,
        sha256=sha256_file(out),
        source_sha256=source_sha256,
        metadata=guess_metadata(text),
    )


@contextmanager
def working_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="motcua-digitize-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def digitize_files(paths: list[Path], *, progress: Progress | None = None, workdir: Path | None = None) -> ProcessedPdf:
    """Validate, join, OCR ``paths`` into one PDF/A-2b (unsigned) in ``workdir`` (default: a new temporary
    folder the caller removes). Raises ``document_*`` errors for files that cannot be processed."""
    workdir = workdir or Path(tempfile.mkdtemp(prefix="motcua-digitize-"))
    if progress:
        progress(STEP_VALIDATE, 0, 0)
    checked = validate_files([(Path(p), Path(p).name) for p in paths])
    if progress:
        progress(STEP_COMBINE, 0, sum(c.pages for c in checked))
    combined = combine(checked, workdir / "combined.pdf")
    return process(
        combined, workdir / "digitized.pdf", source_sha256=source_digest([c.path for c in checked]), progress=progress
    )
