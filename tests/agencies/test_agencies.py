"""Agencies, receiving points and the scope staff act for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.agencies.models.agency import agency_code_validator
from motcua.agencies.selectors import agencies_for, agencies_overseen, receiving_points_for, user_has_role, user_roles
from motcua.localities.models import Commune, DivisionType, Province
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    province = Province.objects.create(code="42", name="Hà Tĩnh", division_type=DivisionType.PROVINCE, codename="ht")
    commune = Commune.objects.create(
        code="18073", name="Phường Thành Sen", division_type=DivisionType.WARD, codename="ts", province=province
    )
    return province, commune


def _agency(code: str, province, parent=None, **kwargs) -> Agency:
    defaults = {"name": code, "kind": AgencyKind.COMPETENT, "level": AgencyLevel.PROVINCE, "province": province}
    return Agency.objects.create(code=code, parent=parent, **{**defaults, **kwargs})


def _point(code: str, operator: Agency, commune) -> ReceivingPoint:
    return ReceivingPoint.objects.create(
        code=code, name=code, kind=ReceivingPointKind.POST_OFFICE, operator=operator, commune=commune, address="1"
    )


@pytest.mark.parametrize("code", ["H56.14", "H55.242", "G01", "H30.X01.TTHCC", "H56." + "1" * 31])
def test_agency_codes_in_the_national_format_are_accepted(place, code):
    agency = Agency(code=code, name="x", kind=AgencyKind.COMPETENT, level=AgencyLevel.PROVINCE, province=place[0])
    agency.full_clean()
    agency_code_validator(code)


BAD_CODES = ["H5.14", "HH56", "H56." + "1" * 32, "h56.14", "H56..14", ".H56", "H56-14", "H56.14.", "000.00.31.H56"]


@pytest.mark.parametrize("code", BAD_CODES)
def test_the_agency_code_validator_holds_decision_20(code):
    """The first group is one letter and two digits; groups are capitals and digits; at most 35 characters."""
    with pytest.raises(ValidationError):
        agency_code_validator(code)


def test_a_postal_unit_keeps_the_posts_own_code_but_not_any_characters(place):
    Agency(code="VNP.42", name="x", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL).full_clean()
    Agency.objects.create(code="VNP.42", name="x", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(code="vnp.43", name="x", kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)


def test_a_deputy_signs_only_when_named(place):
    with pytest.raises(IntegrityError), transaction.atomic():
        _agency("H30.STP", place[0], head_title="Giám đốc", head_name="A", deputy_signs=True)
    _agency("H30.STP", place[0], head_title="Giám đốc", deputy_title="Phó Giám đốc", deputy_name="B", deputy_signs=True)


@pytest.mark.parametrize("code", BAD_CODES)
def test_agency_codes_outside_the_national_format_are_refused_by_the_form_and_the_database(place, code):
    agency = Agency(code=code, name="x", kind=AgencyKind.COMPETENT, level=AgencyLevel.PROVINCE, province=place[0])
    with pytest.raises(ValidationError):
        agency.full_clean()
    # The check constraint refuses it; a code over 35 characters is refused by the column's length already
    # (PostgreSQL raises a DataError for that; SQLite does not enforce lengths and relies on the check).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        agency.save()


def test_a_commune_level_agency_without_its_commune_cannot_be_stored(place):
    with pytest.raises(IntegrityError), transaction.atomic():
        _agency("H30.X01", place[0], level=AgencyLevel.COMMUNE)


def test_a_postal_clerk_must_act_for_a_receiving_point_not_an_agency(place):
    province, _commune = place
    agency = _agency("H30", province)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(user=UserFactory(), role=Role.POSTAL_CLERK, agency=agency)
    with pytest.raises(ValidationError) as refused:
        Assignment(user=UserFactory(), role=Role.POSTAL_CLERK, agency=agency).full_clean()
    codes = {e.code for errors in refused.value.error_dict.values() for e in errors}
    assert "assignment_point_role_has_point" in codes


def test_a_clerk_sees_only_the_receiving_points_they_are_assigned_to(place):
    province, commune = place
    post = _agency("VNP.42", province, kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    office_a, office_b = _point("A", post, commune), _point("B", post, commune)
    clerk = UserFactory()
    Assignment.objects.create(user=clerk, role=Role.POSTAL_CLERK, receiving_point=office_a)
    assert list(receiving_points_for(user=clerk)) == [office_a]
    admin = UserFactory()
    Assignment.objects.create(user=admin, role=Role.ADMINISTRATOR)
    assert set(receiving_points_for(user=admin)) == {office_a, office_b}


def test_agency_staff_see_their_agency_and_the_units_under_it_but_not_a_sibling(place):
    province, _ = place
    committee = _agency("H30", province)
    justice = _agency("H30.STP", province, parent=committee)
    civil_status = _agency("H30.STP.HT", province, parent=justice)
    sibling = _agency("H30.SXD", province, parent=committee)
    specialist = UserFactory()
    Assignment.objects.create(user=specialist, role=Role.AGENCY_SPECIALIST, agency=justice)
    visible = set(agencies_for(user=specialist))
    assert visible == {justice, civil_status}
    assert sibling not in visible


def test_a_one_stop_department_oversees_the_committee_it_works_for_and_its_units(place):
    province, _ = place
    committee = _agency("H30", province, kind=AgencyKind.PEOPLES_COMMITTEE)
    department = _agency("H30.MC", province, parent=committee, kind=AgencyKind.ONE_STOP)
    justice = _agency("H30.STP", province, parent=committee)
    other = _agency("H31", province, kind=AgencyKind.PEOPLES_COMMITTEE)
    supervisor = UserFactory()
    Assignment.objects.create(user=supervisor, role=Role.ONE_STOP_SUPERVISOR, agency=department)
    assert set(agencies_overseen(user=supervisor)) == {committee, department, justice}
    # A specialist of a unit oversees that unit only: an ordinary unit serves nobody above it.
    specialist = UserFactory()
    Assignment.objects.create(user=specialist, role=Role.AGENCY_SPECIALIST, agency=justice)
    assert set(agencies_overseen(user=specialist)) == {justice}
    assert other not in set(agencies_overseen(user=supervisor))


def test_expired_or_inactive_assignments_give_no_scope(place):
    province, commune = place
    post = _agency("VNP.42", province, kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    office = _point("A", post, commune)
    clerk = UserFactory()
    Assignment.objects.create(
        user=clerk, role=Role.POSTAL_CLERK, receiving_point=office, valid_until=dt.date(2020, 1, 1)
    )
    assert not receiving_points_for(user=clerk).exists()
    assert not user_has_role(user=clerk, roles=[Role.POSTAL_CLERK])
    assert user_roles(user=clerk) == []


def test_user_roles_say_scope_and_what_the_role_allows(place):
    province, commune = place
    post = _agency("VNP.42", province, kind=AgencyKind.POSTAL, level=AgencyLevel.POSTAL)
    office = _point("Bưu cục Thành Sen", post, commune)
    clerk = UserFactory()
    Assignment.objects.create(user=clerk, role=Role.POSTAL_CLERK, receiving_point=office)
    [summary] = user_roles(user=clerk)
    assert summary.role == "postal_clerk"
    assert summary.scope == "Bưu cục Thành Sen"
    assert len(summary.capabilities) >= 2


def test_anonymous_visitors_have_no_scope():
    from django.contrib.auth.models import AnonymousUser

    assert user_roles(user=AnonymousUser()) == []
    assert not receiving_points_for(user=AnonymousUser()).exists()
