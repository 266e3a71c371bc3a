"""The catalogue's pages, process sheets, workbook download, import page, API and generated document."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from motcua.api.services import api_token_create
from motcua.stages.doc import stages_markdown
from motcua.stages.exchange import catalogue_export_xlsx
from motcua.stages.models import CatalogueVersion
from motcua.stages.selectors import catalogue_current

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "stages.md"

READ_URLS = [
    ("stages:catalogue", {}),
    ("stages:stage", {"code": "receive"}),
    ("stages:stage_pdf", {"code": "receive"}),
    ("stages:catalogue_pdf", {}),
    ("stages:catalogue_xlsx", {}),
]


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("name, kwargs", READ_URLS)
def test_readers_open_every_page_and_a_postal_clerk_is_refused(client, staff, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    for role in ("planner", "trainer", "administrator", "postal_supervisor"):
        client.force_login(staff[role])
        assert client.get(url).status_code == 200, (role, url)
    client.force_login(staff["postal_clerk"])
    assert client.get(url).status_code == 403


def test_the_process_sheet_is_a_pdf_with_the_stage_name_and_its_steps(client, staff):
    client.force_login(staff["planner"])
    response = client.get(reverse("stages:stage_pdf", kwargs={"code": "receive"}))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = _text(response.content)
    assert "TIẾP NHẬN HỒ SƠ" in text and "Reception of the dossier" in text
    assert "dossier.receive" in text and "15 phút" in text


def test_the_whole_catalogue_prints_one_sheet_per_stage(client, staff):
    client.force_login(staff["trainer"])
    pdf = client.get(reverse("stages:catalogue_pdf")).content
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 9
    text = _text(pdf)
    for stage in catalogue_current().stages.all():
        assert stage.name_en in text


def test_the_stage_page_shows_its_steps_and_events_and_an_unknown_stage_is_404(client, staff):
    client.force_login(staff["planner"])
    page = client.get(reverse("stages:stage", kwargs={"code": "pickup"})).content.decode()
    assert "Thu gom hồ sơ tại nhà" in page and "postal.handed_over" in page
    assert client.get(reverse("stages:stage", kwargs={"code": "nope"})).status_code == 404
    assert client.get(reverse("stages:catalogue") + "?phien-ban=99").status_code == 404


def test_only_the_administrator_imports_and_a_good_workbook_becomes_a_draft(client, staff):
    url = reverse("stages:import")
    client.force_login(staff["planner"])
    assert client.get(url).status_code == 403
    client.force_login(staff["administrator"])
    assert client.get(url).status_code == 200
    upload = io.BytesIO(catalogue_export_xlsx(catalogue_current()))
    upload.name = "stages.xlsx"
    response = client.post(url, {"file": upload, "note": "thử"}, follow=True)
    assert response.status_code == 200
    assert CatalogueVersion.objects.get(number=2).note == "thử"


def test_the_import_page_lists_every_error_and_writes_nothing(client, staff):
    from tests.stages.test_exchange import _spoiled

    client.force_login(staff["administrator"])
    upload = io.BytesIO(_spoiled())
    upload.name = "bad.xlsx"
    response = client.post(reverse("stages:import"), {"file": upload})
    assert response.status_code == 422
    page = response.content.decode()
    assert "receive_dossier" in page and page.count("<tr><td>") == 3
    assert CatalogueVersion.objects.count() == 1


def test_the_api_gives_the_catalogue_and_a_stage_to_staff(client, staff):
    _token, raw = api_token_create(user=staff["postal_clerk"], name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    body = client.get("/api/v1/stages", headers=headers).json()
    assert body["version"] == 1 and [s["code"] for s in body["stages"]][:2] == ["guide", "receive"]
    transfer = client.get("/api/v1/stages/transfer", headers=headers).json()
    assert transfer["start_events"] == [{"kind": "dossier", "name": "receive"}]
    assert transfer["end_events"] == [{"kind": "dossier", "name": "transfer"}]
    assert [step["order"] for step in transfer["steps"]] == [1, 2, 3, 4]
    missing = client.get("/api/v1/stages/nope", headers=headers)
    assert missing.status_code == 404 and missing.json()["code"] == "stages_stage_not_found"
    assert client.get("/api/v1/stages").status_code == 401


def test_the_stages_document_is_generated_from_the_catalogue_and_current():
    text = stages_markdown()
    assert DOC.read_text(encoding="utf-8") == text, "run `manage.py stages_doc --write`"
    for stage in catalogue_current().stages.all():
        assert f"`{stage.code}`" in text
