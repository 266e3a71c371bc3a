import io

import pytest
from django.test import Client
from pypdf import PdfReader

from motcua.dossiers.lifecycle import Status
from tests.api.test_dossiers_support import dossier_world, world_fixture  # noqa: F401 - fixtures
from tests.dossiers.transitions_support import reach

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_clerk_downloads_the_receipt_of_a_dossier_in_scope(world):
    dossier = reach(world, Status.RECEIVED)
    client = Client()
    client.force_login(world.clerk)
    response = client.get(f"/api/v1/dossiers/{dossier.code}/slips/01.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert dossier.code in text and "HẸN TRẢ KẾT QUẢ" in text


def test_a_slip_the_dossier_has_no_data_for_or_out_of_scope_is_a_404_problem(world):
    dossier = reach(world, Status.RECEIVED)
    client = Client()
    client.force_login(world.clerk)
    refusal = client.get(f"/api/v1/dossiers/{dossier.code}/slips/03.pdf")
    assert refusal.status_code == 404 and refusal.json()["code"] == "slip_not_found"
    assert client.get(f"/api/v1/dossiers/{dossier.code}/slips/99.pdf").status_code == 404
    client.force_login(world.other_clerk)
    hidden = client.get(f"/api/v1/dossiers/{dossier.code}/slips/01.pdf")
    assert hidden.status_code == 404 and hidden.json()["code"] == "dossier_not_found"
