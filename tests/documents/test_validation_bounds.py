"""Malformed and costly files are refused cleanly, and a page's cost is bounded before decoding (issue 10, item 4)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from motcua.core.errors import ApplicationError
from motcua.documents.models import DigitizationJob
from motcua.documents.validation import PDF, validate_file
from tests.api.support import assert_problem, bearer
from tests.api.test_documents_api import dossier  # noqa: F401  (fixture)
from tests.api.test_dossiers_support import dossier_world, staff_fixture, world_fixture  # noqa: F401  (fixtures)

from .pipeline_samples import save_pdf


def refused(path: Path) -> ApplicationError:
    with pytest.raises(ApplicationError) as info:
        validate_file(path)
    return info.value


def save_pdf_with_image(path: Path, *, width: object, height: object = 10, images: int = 1) -> Path:
    """A one-page PDF whose image(s) declare this width and height (only the header: the data is tiny)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        xobjects = pikepdf.Dictionary()
        for n in range(images):
            image = pikepdf.Stream(pdf, zlib.compress(b"\xff" * 100))
            image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
            image.Width, image.Height = width, height
            image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceGray, 8
            image.Filter = pikepdf.Name.FlateDecode
            xobjects[f"/Im{n}"] = image
        pdf.pages[0].Resources = pikepdf.Dictionary(XObject=xobjects)
        pdf.save(path)
    return path


@pytest.mark.parametrize(
    ("width", "height"),
    [(pikepdf.Name("/Wide"), 10), (pikepdf.String("800"), 10), (10, pikepdf.Array([1])), (-5, 10), (0, 10)],
)
def test_a_pdf_image_whose_size_is_not_a_positive_number_is_corrupt(tmp_path, width, height):
    path = save_pdf_with_image(tmp_path / "scan.pdf", width=width, height=height)
    assert refused(path).code == "document_corrupt"


def test_a_pdf_cut_off_before_its_eof_is_refused_though_its_pages_can_be_read(tmp_path):
    data = save_pdf(tmp_path / "full.pdf", pages=2).read_bytes()
    cut = data[: data.rindex(b"%%EOF")]
    (tmp_path / "cut.pdf").write_bytes(cut)
    with pikepdf.open(tmp_path / "cut.pdf", attempt_recovery=False) as readable:
        assert len(readable.pages) == 2  # the reader alone would take it
    assert refused(tmp_path / "cut.pdf").code == "document_corrupt"


def test_a_complete_pdf_with_a_sane_image_is_accepted(tmp_path):
    checked = validate_file(save_pdf_with_image(tmp_path / "ok.pdf", width=800, height=1000))
    assert (checked.kind, checked.pages) == (PDF, 1)


def test_the_images_of_one_pdf_page_count_together_against_the_pixel_bound(tmp_path, settings):
    settings.DIGITIZATION_MAX_MEGAPIXELS = 1
    one = save_pdf_with_image(tmp_path / "one.pdf", width=1000, height=600)
    assert validate_file(one).pages == 1
    two = save_pdf_with_image(tmp_path / "two.pdf", width=1000, height=600, images=2)
    assert refused(two).code == "document_image_too_large"


def test_a_small_png_of_64_megapixels_is_refused_before_any_pixel_is_decoded(tmp_path, monkeypatch):
    path = tmp_path / "bomb.png"
    Image.new("1", (8000, 8000), 1).save(path)
    assert path.stat().st_size < 64 * 1024  # tiny on disk, 64 MP once decoded

    def no_decoding(self):
        raise AssertionError("decoded before the pixel bound was checked")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    assert refused(path).code == "document_image_too_large"


def test_the_default_page_bound_admits_an_a4_page_at_600_dpi_and_refuses_64_megapixels(settings):
    a4_at_600_dpi = 4961 * 7016
    assert a4_at_600_dpi <= settings.DIGITIZATION_MAX_MEGAPIXELS * 1_000_000 < 8000 * 8000


@pytest.mark.django_db
def test_the_api_answers_a_pdf_with_a_bad_image_width_with_a_422_problem(staff, dossier, tmp_path):  # noqa: F811
    path = save_pdf_with_image(tmp_path / "scan.pdf", width=pikepdf.Name("/Wide"))
    upload = SimpleUploadedFile("scan.pdf", path.read_bytes(), "application/pdf")
    response = staff.clerk.client.post(
        f"/api/v1/dossiers/{dossier.code}/digitization-jobs", {"files": [upload]}, headers=bearer(staff.clerk.token)
    )
    assert_problem(response, status=422, code="document_corrupt")
    assert not DigitizationJob.objects.exists()
