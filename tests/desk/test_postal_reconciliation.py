"""The daily reconciliation page: what was collected and owed, a remittance recorded, the Excel download."""

from __future__ import annotations

import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from motcua.postal.models import Remittance
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import at
from tests.postal.test_pickup import collected

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_with_fees(world):
    tariffs_load_demo()
    with time_machine.travel(at("25/11/2026 08:00"), tick=False):
        return collected(world)


def test_the_fees_owed_are_flagged_until_remitted_then_balanced(client, world, day_with_fees):
    client.force_login(world.clerk)
    url = reverse("desk:postal_reconciliation")
    query = {"ngay": "25/11/2026", "diem": world.office.code}
    page = client.get(url, query).content.decode()
    assert world.committee.name in page and "50.000 ₫" in page and "row--flagged" in page

    response = client.post(
        f"{url}?ngay=25/11/2026&diem={world.office.code}",
        {"agency": world.committee.pk, "amount": 50000, "reference": "UNC-25"},
    )
    assert response.status_code == 302
    assert Remittance.objects.get().amount == 50000
    page = client.get(url, query).content.decode()
    assert "row--flagged" not in page

    sheet = client.get(reverse("desk:postal_reconciliation_xlsx"), query)
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(sheet.streaming_content) if sheet.streaming else sheet.content)
    )
    assert len(workbook.sheetnames) == 3
    values = [cell.value for row in workbook.worksheets[1].iter_rows() for cell in row]
    assert world.committee.name in values and 50000 in values


def test_a_bad_remittance_is_refused_beside_its_field(client, world, day_with_fees):
    client.force_login(world.clerk)
    url = f"{reverse('desk:postal_reconciliation')}?ngay=25/11/2026&diem={world.office.code}"
    response = client.post(url, {"agency": world.committee.pk, "amount": 0})
    assert response.status_code == 400
    assert 'id="id_amount_error"' in response.content.decode()
    assert not Remittance.objects.exists()


def test_only_postal_staff_see_it_and_only_their_own_post_offices(client, world, day_with_fees):
    client.force_login(world.specialist)
    assert client.get(reverse("desk:postal_reconciliation")).status_code == 403
    client.force_login(world.other_clerk)
    page = client.get(reverse("desk:postal_reconciliation"), {"ngay": "25/11/2026", "diem": world.office.code})
    assert world.committee.name not in page.content.decode()
