# ruff: noqa: F811 - fixtures imported from pipeline_samples are requested by name
"""The issue's "done when", end to end with real OCR and signatures: a clerk scans one batch for a dossier's
papers, cut at a separator sheet; each paper gets its own signed, searchable PDF/A; the next dossier of the
same person reuses them instead of scanning again; pdfsig says the signatures are valid."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core.text import fold
from motcua.documents.models import Document, DocumentUse, JobStatus, UseKind
from motcua.documents.reuse import document_reuse
from motcua.documents.selectors import documents_matching, job_progress
from motcua.documents.services import digitization_job_create
from motcua.documents.verify import document_verify
from motcua.dossiers.services.receive import ReceivedComponent
from tests.dossiers.conftest import world  # noqa: F401 - fixture

from .pipeline_samples import _pki_dir, media, page, pki  # noqa: F401
from .scans import scanned_separator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pki", "media")]

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


def _all_papers(world):
    return [
        ReceivedComponent(name=c.name, form=c.form, count=1, component_id=c.pk)
        for c in world.version.components.order_by("order")
    ]


def _batch(tmp_path) -> SimpleUploadedFile:
    """Two papers in one scan: the declaration, motcua's separator sheet, the authorization."""
    pages = [
        page(["TỜ KHAI", "Họ và tên: Nguyễn Văn An", "Số định danh: 042098001234"]),
        scanned_separator(angle=1.5).resize((820, 1160)),
        page(["GIẤY ỦY QUYỀN", "Người được ủy quyền: Trần Thị Bình", "Ngày 12/03/2026"]),
    ]
    path = tmp_path / "batch.pdf"
    first, *rest = [p.convert("L") for p in pages]
    first.save(path, format="PDF", resolution=200, save_all=True, append_images=rest)
    return SimpleUploadedFile("lo-quet.pdf", path.read_bytes(), content_type="application/pdf")


@needs_tesseract
def test_a_batch_scan_fills_each_paper_and_the_next_dossier_reuses_them(
    world, tmp_path, django_capture_on_commit_callbacks
):
    from motcua.documents.pki import ensure_unit, point_unit

    ensure_unit(point_unit(world.office))  # the post office's certificate from the development CA
    dossier = world.receive(components=_all_papers(world))
    declaration, authorization = dossier.components.order_by("id")

    with django_capture_on_commit_callbacks(execute=True):  # the task runs in-process once the job commits
        job = digitization_job_create(
            files=[_batch(tmp_path)],
            owner_id_number=dossier.applicant_id_number,
            kind="batch",
            title="Lô quét",
            actor=world.clerk,
            receiving_point=world.office,
            dossier=dossier,
            split_at_separators=True,
        )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error_message
    progress = job_progress(job)
    assert progress["percent"] == 100 and progress["pages_done"] == progress["pages_total"] == 3

    # One signed, searchable PDF/A per paper, in the order of the scan; the separator is gone.
    first = Document.objects.get(uses__component=declaration)
    second = Document.objects.get(uses__component=authorization)
    assert "to khai" in first.search_text and "nguyen van an" in first.search_text
    assert "uy quyen" in second.search_text and "tran thi binh" in second.search_text
    assert first.pages == second.pages == 1
    for document in (first, second):
        with document.file.open("rb") as stored, pikepdf.open(stored) as pdf:
            xmp = pdf.open_metadata()
            assert xmp.get("pdfaid:part") == "2" and xmp.get("pdfaid:conformance") == "B"
        assert document_verify(document).intact
    declaration.refresh_from_db()
    assert declaration.digitized and declaration.document_ref == str(first.uid)

    if shutil.which("pdfsig"):
        copy = tmp_path / "first.pdf"
        with first.file.open("rb") as stored:
            copy.write_bytes(stored.read())
        out = subprocess.run(["pdfsig", str(copy)], capture_output=True, text=True, timeout=60).stdout
        assert "Signature Validation: Signature is Valid." in out

    # A second dossier of the same person: the data store offers both papers and the clerk reuses them.
    again = world.receive(components=_all_papers(world))
    offered = documents_matching(owner_id_number=again.applicant_id_number, version=world.version, user=world.clerk)
    by_name = {c.name: c for c in world.version.components.all()}
    assert [d.pk for d in offered[by_name["Tờ khai"].pk]] == [first.pk]
    assert [d.pk for d in offered[by_name["Giấy ủy quyền"].pk]] == [second.pk]
    documents_before = Document.objects.count()
    for component, document in zip(again.components.order_by("id"), (first, second), strict=True):
        use = document_reuse(document=document, dossier=again, component=component, actor=world.clerk)
        assert use.kind == UseKind.REUSED
        component.refresh_from_db()
        assert component.reused and component.document_ref == str(document.uid)
    assert Document.objects.count() == documents_before, "reuse links, it does not scan again"
    assert DocumentUse.objects.filter(dossier=again, kind=UseKind.REUSED).count() == 2
    assert fold(first.title) == fold("Tờ khai")
