"""Files given for digitization are checked by their bytes; each refusal has a stable code."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from motcua.core.errors import ApplicationError
from motcua.documents.validation import JPEG, PDF, PNG, TIFF, validate_file, validate_files

from .pipeline_samples import save_encrypted_pdf, save_pdf, save_png, save_tiff


def refused(path: Path) -> ApplicationError:
    with pytest.raises(ApplicationError) as info:
        validate_file(path)
    messages = info.value.messages()
    assert messages["en"] and messages["vi"]
    return info.value


def test_png_tiff_pdf_are_recognised_with_their_page_counts(tmp_path):
    assert validate_file(save_png(tmp_path / "a.png")).kind == PNG
    tiff = validate_file(save_tiff(tmp_path / "b.tif", count=3))
    assert (tiff.kind, tiff.pages) == (TIFF, 3)
    pdf = validate_file(save_pdf(tmp_path / "c.pdf", pages=2))
    assert (pdf.kind, pdf.pages) == (PDF, 2)
    Image.new("RGB", (50, 50)).save(tmp_path / "d.jpg")
    assert validate_file(tmp_path / "d.jpg").kind == JPEG


def test_a_file_is_taken_by_its_bytes_and_a_lying_extension_is_noticed(tmp_path):
    png_named_pdf = save_png(tmp_path / "scan.pdf")
    checked = validate_file(png_named_pdf)
    assert checked.kind == PNG and not checked.extension_matches


def test_zero_byte_file_is_refused(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert refused(tmp_path / "empty.pdf").code == "document_empty"


def test_text_file_named_pdf_is_refused(tmp_path):
    (tmp_path / "note.pdf").write_text("Đây không phải là PDF", encoding="utf-8")
    assert refused(tmp_path / "note.pdf").code == "document_unsupported_type"


def test_truncated_pdf_is_refused_as_corrupt(tmp_path):
    data = save_pdf(tmp_path / "full.pdf", pages=2).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 2])
    assert refused(tmp_path / "cut.pdf").code == "document_corrupt"


def test_truncated_png_is_refused_as_corrupt(tmp_path):
    data = save_png(tmp_path / "full.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 3])
    assert refused(tmp_path / "cut.png").code == "document_corrupt"


def test_password_protected_pdf_is_refused(tmp_path):
    assert refused(save_encrypted_pdf(tmp_path / "locked.pdf")).code == "document_encrypted"


def test_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.DIGITIZATION_MAX_FILE_MB = 1
    (tmp_path / "big.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))
    assert refused(tmp_path / "big.pdf").code == "document_too_large"


def test_pdf_with_more_pages_than_the_limit_is_refused(tmp_path, settings):
    settings.DIGITIZATION_MAX_PAGES = 3
    assert refused(save_pdf(tmp_path / "long.pdf", pages=4)).code == "document_too_many_pages"


def test_pages_of_several_files_count_together(tmp_path, settings):
    settings.DIGITIZATION_MAX_PAGES = 3
    files = [(save_pdf(tmp_path / f"{n}.pdf", pages=2), f"{n}.pdf") for n in range(2)]
    with pytest.raises(ApplicationError) as info:
        validate_files(files)
    assert info.value.code == "document_too_many_pages"


def test_image_over_the_pixel_limit_is_refused_before_decoding(tmp_path, settings):
    settings.DIGITIZATION_MAX_MEGAPIXELS = 1
    Image.new("1", (2000, 2000)).save(tmp_path / "bomb.png")
    assert refused(tmp_path / "bomb.png").code == "document_image_too_large"


def test_decompression_bomb_past_pillows_limit_is_refused(tmp_path, monkeypatch):
    Image.new("1", (3000, 3000)).save(tmp_path / "bomb.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    assert refused(tmp_path / "bomb.png").code == "document_image_too_large"


def test_giant_pdf_page_is_refused(tmp_path):
    import pikepdf

    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(14400, 14400))
        pdf.save(tmp_path / "poster.pdf")
    assert refused(tmp_path / "poster.pdf").code == "document_image_too_large"
