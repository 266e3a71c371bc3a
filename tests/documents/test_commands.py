"""The command-line ways in: ``digitize`` on files and ``watch_scans`` on a scanner's folder."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from motcua.documents.models import Document
from tests.dossiers.conftest import world  # noqa: F401 - fixture

from .pipeline_samples import OWNER, _pki_dir, media, pki, save_pdf  # noqa: F401
from .test_jobs import fast_ocr  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pki", "media", "fast_ocr")]


def test_digitize_prints_the_id_hash_and_path_of_the_stored_document(tmp_path):
    out = io.StringIO()
    call_command(
        "digitize", str(save_pdf(tmp_path / "a.pdf")), "--owner", OWNER, "--type", "Giấy khai sinh", stdout=out
    )
    uid, sha256, path = out.getvalue().strip().split("\t")
    document = Document.objects.get()
    assert (uid, sha256) == (str(document.uid), document.sha256)
    assert path.endswith(f"{sha256}.pdf")


def test_digitize_refuses_a_bad_file_in_both_languages(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"")
    with pytest.raises(CommandError, match=r"empty"):
        call_command("digitize", str(tmp_path / "x.pdf"), "--owner", OWNER, "--type", "x")


def test_watch_scans_processes_each_file_once_and_sorts_done_and_failed(tmp_path, world):  # noqa: F811
    from motcua.documents.pki import ensure_unit, point_unit

    ensure_unit(point_unit(world.office))
    inbox = tmp_path / "scans"
    inbox.mkdir()
    save_pdf(inbox / f"{OWNER}_Giấy-khai-sinh_001.pdf")
    (inbox / "unnamed.pdf").write_bytes(save_pdf(tmp_path / "x.pdf").read_bytes())
    (inbox / f"{OWNER}_CCCD_002.pdf").write_text("not a pdf")

    call_command(
        "watch_scans", str(inbox), "--point", world.office.code, "--once", stdout=io.StringIO(), stderr=io.StringIO()
    )
    call_command(
        "watch_scans", str(inbox), "--point", world.office.code, "--once", stdout=io.StringIO(), stderr=io.StringIO()
    )

    assert Document.objects.count() == 1
    document = Document.objects.get()
    assert (document.kind, document.receiving_point) == ("Giấy khai sinh", world.office)
    assert sorted(p.name for p in (inbox / "done").iterdir()) == [f"{OWNER}_Giấy-khai-sinh_001.pdf"]
    failed = sorted(p.name for p in (inbox / "failed").iterdir())
    assert failed == [
        f"{OWNER}_CCCD_002.pdf",
        f"{OWNER}_CCCD_002.pdf.error.txt",
        "unnamed.pdf",
        "unnamed.pdf.error.txt",
    ]
    assert "document_unsupported_type" in (inbox / "failed" / f"{OWNER}_CCCD_002.pdf.error.txt").read_text() or (
        "PDF" in (inbox / "failed" / f"{OWNER}_CCCD_002.pdf.error.txt").read_text()
    )
    assert not list((inbox / "processing").iterdir())
