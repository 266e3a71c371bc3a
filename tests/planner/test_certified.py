"""The province page sets the postal staff certified for reception against the staff the plan needs (issue 12,
item 7); certificates are issued through the certification service, as an exam or an administrator would."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.certification.models import CertificationBasis
from motcua.certification.services import certification_issue, certification_revoke
from motcua.localities.models import Commune, Province
from motcua.planner.scenarios import scenario_create
from tests.factories import FieldFactory, UserFactory

from .conftest import DONG_THAP, HA_TINH
from .test_pages import _vi

pytestmark = pytest.mark.django_db


def _point(province: str, code: str, **extra) -> ReceivingPoint:
    post = Agency.objects.create(
        code=f"VNP.{code}", name="Bưu điện", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL, province_id=province
    )
    return ReceivingPoint.objects.create(
        code=code,
        name=code,
        kind=ReceivingPointKind.POST_OFFICE,
        operator=post,
        commune=Commune.objects.filter(province_id=province).first(),
        address="1",
        **extra,
    )


def _clerk(point: ReceivingPoint, role: Role = Role.POSTAL_CLERK):
    user = UserFactory()
    Assignment.objects.create(user=user, role=role, receiving_point=point)
    return user


def _certify(user, stage: str, field):
    return certification_issue(user, stage, field, basis=CertificationBasis.COMMAND, actor=None)


def _certified_on_page(client, scenario) -> tuple[int, str]:
    response = client.get(reverse("planner:province", args=[HA_TINH]) + f"?scenario={scenario.pk}")
    html = response.content.decode()
    found = re.search(r'data-figure="certified">(\d+)<', html)
    assert found, "the certified staff figure is missing"
    return int(found.group(1)), html


def test_the_province_page_counts_distinct_people_certified_for_reception_against_the_plan(
    client, planner_ha_tinh, country_map
):
    scenario = scenario_create(actor=None, name="Mô hình bưu điện", province=Province.objects.get(code=HA_TINH))
    civil, land = FieldFactory(), FieldFactory()
    here, elsewhere = _point(HA_TINH, "BD.HT"), _point(DONG_THAP, "BD.DT")
    two_fields, one_field, supervisor = _clerk(here), _clerk(here), _clerk(here, Role.POSTAL_SUPERVISOR)
    digitizer_only, in_other_province = _clerk(here), _clerk(elsewhere)
    client.force_login(planner_ha_tinh)

    assert _certified_on_page(client, scenario)[0] == 0
    _certify(two_fields, "receive", civil)
    _certify(two_fields, "receive", land)  # one person, two certificates
    _certify(one_field, "receive", civil)
    revoked = _certify(supervisor, "receive", land)
    _certify(digitizer_only, "digitize", civil)  # not a reception certificate
    _certify(in_other_province, "receive", civil)  # another province's staff
    certification_revoke(revoked, reason="Sai quy trình", actor=None)

    certified, html = _certified_on_page(client, scenario)
    assert certified == 2
    figures = client.get(reverse("planner:province", args=[HA_TINH]) + f"?scenario={scenario.pk}").context["figures"]
    assert re.search(r'data-figure="peak_needed">\s*' + re.escape(_vi(figures["postal_peak_staff"], 0)), html)
    assert re.search(r'data-figure="fte_needed">\s*' + re.escape(_vi(figures["postal_fte"], 1)), html)
    assert "Nhân viên bưu điện có chứng nhận so với số cần" in html
