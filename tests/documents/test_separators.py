from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from motcua.documents.separators import is_blank, is_separator_sheet, separator_sheet_pdf, split_pages

from .scans import blank_page, form_page, noisy, scanned_separator, sparse_page, text_page, write_pdf


def _dark_page() -> Image.Image:
    """A photo-like page: mostly dark, no frame."""
    return noisy(Image.new("L", (1240, 1754), 40), share=0.05)


def test_separator_sheet_is_one_a4_page_with_its_marker_text() -> None:
    pdf = pdfium.PdfDocument(separator_sheet_pdf())
    assert len(pdf) == 1
    width, height = pdf[0].get_size()
    assert abs(width - 595) < 2 and abs(height - 842) < 2
    pdf.close()


def test_printed_separator_is_recognised_straight_and_crooked() -> None:
    for angle in (0.0, 1.5, -2.5, 4.0):
        assert is_separator_sheet(scanned_separator(angle=angle)), angle


def test_papers_are_not_taken_for_separators() -> None:
    for page in (text_page("Giấy khai sinh"), form_page(), sparse_page(), blank_page(), _dark_page()):
        assert not is_separator_sheet(page)


def test_blank_sheet_with_scanner_noise_is_blank_and_papers_are_not() -> None:
    assert is_blank(blank_page())
    assert is_blank(blank_page(share=0.06, seed=4))
    assert is_blank(blank_page().rotate(3, fillcolor=0))  # dark scanner background at the edges
    for page in (text_page("CCCD"), form_page(), sparse_page(), scanned_separator()):
        assert not is_blank(page)


def test_batch_is_cut_at_blank_and_printed_separators(tmp_path: Path) -> None:
    """GIVEN a batch: 2 pages, a separator, 1 page, a blank sheet, 3 pages
    WHEN it is split
    THEN three groups come out, separators dropped."""
    pages = [
        text_page("Tờ khai", seed=1),
        sparse_page(),
        scanned_separator(angle=1.0),
        text_page("Giấy khai sinh", seed=2),
        blank_page(),
        text_page("Hợp đồng", seed=3),
        text_page("Hợp đồng 2", seed=4),
        form_page(),
    ]
    assert split_pages(write_pdf(tmp_path / "batch.pdf", pages)) == [[0, 1], [3], [5, 6, 7]]


def test_empty_groups_are_dropped(tmp_path: Path) -> None:
    pages = [
        scanned_separator(),
        text_page("A"),
        blank_page(),
        scanned_separator(angle=-1.0),
        text_page("B"),
        blank_page(seed=9),
    ]
    assert split_pages(write_pdf(tmp_path / "batch.pdf", pages)) == [[1], [4]]


def test_batch_without_separator_is_one_group(tmp_path: Path) -> None:
    pages = [text_page("A"), text_page("B", seed=5)]
    assert split_pages(write_pdf(tmp_path / "one.pdf", pages)) == [[0, 1]]


def test_blank_backs_are_kept_when_only_printed_separators_count(tmp_path: Path) -> None:
    pages = [text_page("A"), blank_page(), scanned_separator(), text_page("B")]
    assert split_pages(write_pdf(tmp_path / "duplex.pdf", pages), blank_sheets=False) == [[0, 1], [3]]
