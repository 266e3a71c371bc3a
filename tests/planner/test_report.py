"""The province's model-project report: a PDF whose text names the province, its figures and the stages."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from motcua.localities.models import Province
from motcua.planner.scenarios import scenario_create, scenario_result
from motcua.planner.selectors import scenario_latest_version
from motcua.stages.selectors import catalogue_current

from .conftest import HA_TINH

pytestmark = pytest.mark.django_db


def test_the_report_is_a_pdf_naming_the_province_its_stages_and_its_figures(client, planner_ha_tinh):
    from pypdf import PdfReader

    scenario = scenario_create(actor=None, name="Mô hình bưu điện", province=Province.objects.get(code=HA_TINH))
    client.force_login(planner_ha_tinh)
    response = client.get(reverse("planner:report_pdf", args=[HA_TINH]) + f"?scenario={scenario.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Hà Tĩnh" in text
    for stage in catalogue_current().stages.all():
        assert " ".join(stage.name_vi.split()) in text, stage.code
    figures = scenario_result(version=scenario_latest_version(scenario=scenario), province=HA_TINH)["figures"]
    communes = f"{figures['communes']} xã"  # "69 xã, phường"
    assert communes in text
    for heading in ("Thực trạng", "Bố trí nhân sự", "Chi phí", "Rủi ro", "Giả định và nguồn số liệu"):
        assert heading in text  # printed in Vietnamese
    assert len(reader.pages) >= 4
