"""The pipeline on files, without the database: OCR in Vietnamese, PDF/A-2b, per-page progress, metadata."""

from __future__ import annotations

import datetime as dt
import shutil

import pikepdf
import pytest

from motcua.documents import pipeline
from motcua.documents.pipeline import digitize_files, guess_metadata

from .pipeline_samples import OWNER, save_png, save_tiff

OCR = pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract with vie")


@OCR
def test_images_become_one_searchable_pdfa_2b_with_page_progress(tmp_path):
    """GIVEN a PNG page and a 2-page TIFF WHEN digitized THEN one 3-page PDF/A-2b with the Vietnamese words,
    and progress reported page by page."""
    png = save_png(tmp_path / "khai-sinh.png")
    tiff = save_tiff(tmp_path / "more.tif", count=2)
    events: list[tuple[str, int, int]] = []
    work = tmp_path / "work"
    work.mkdir()

    result = digitize_files([png, tiff], progress=lambda *e: events.append(e), workdir=work)

    assert result.pages == 3
    assert "GIẤY KHAI SINH" in result.text and "Nguyễn Văn An" in result.text
    assert "Độc lập" in result.text
    with pikepdf.open(result.path) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "B")
    assert result.sha256 == pipeline.sha256_file(result.path)
    assert result.source_sha256 == pipeline.source_digest([png, tiff])
    ocr_done = [done for step, done, total in events if step == pipeline.STEP_OCR and total == 3]
    assert ocr_done and ocr_done[-1] == 3 and ocr_done == sorted(ocr_done)
    assert result.metadata.id_number == OWNER
    assert result.metadata.issued_on == dt.date(2021, 3, 15)


def test_metadata_is_taken_only_when_stated_plainly():
    text = (
        "Số: 123/QĐ-UBND\nCăn cước công dân\nSố định danh: 001203004567\n"
        "Ngày cấp: 01/07/2025\nCó giá trị đến: 01/07/2040"
    )
    meta = guess_metadata(text)
    assert meta.id_number == "001203004567"
    assert meta.number == "123/QĐ-UBND"
    assert meta.issued_on == dt.date(2025, 7, 1)
    assert meta.valid_until == dt.date(2040, 7, 1)


def test_ambiguous_text_gives_no_guess():
    meta = guess_metadata("Mã 001203004567 và 001203004568; ngày 31/02/2025")
    assert meta.id_number == "" and meta.issued_on is None


def test_date_line_of_an_administrative_paper_is_the_issue_date():
    meta = guess_metadata("Hà Tĩnh, ngày 5 tháng 8 năm 2025\nQUYẾT ĐỊNH")
    assert meta.issued_on == dt.date(2025, 8, 5)


def test_split_keeps_the_groups_in_order_and_drops_other_pages(tmp_path):
    from .pipeline_samples import save_pdf

    source = save_pdf(tmp_path / "batch.pdf", pages=5)
    parts = pipeline.split(source, [[0, 1], [3, 4]], tmp_path)
    assert [len(pikepdf.open(p).pages) for p in parts] == [2, 2]
