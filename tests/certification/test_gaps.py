"""Gaps for tomorrow (issue 12, item 7): the stage × field a point needs on its next working day that nobody working
there then is certified for, who covers the rest, whose certificates run out within 30 days; and the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.certification.catalogue import gated_stages
from motcua.certification.gaps import point_gaps_tomorrow
from motcua.certification.models import CertificationBasis
from motcua.certification.services import certification_issue, certification_revoke, waiver_grant
from motcua.core.localtime import local_date
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def certify(user, stage, field, **kwargs):
    return certification_issue(user, stage, field, basis=CertificationBasis.COMMAND, actor=None, **kwargs)


@pytest.fixture
def supervisor(world):
    user = UserFactory(username="supervisor", full_name="Trần Thị Giám")
    Assignment.objects.create(user=user, role=Role.POSTAL_SUPERVISOR, receiving_point=world.office)
    return user


def _need(gaps, stage, field):
    return next(n for n in gaps.needs if n.stage.code == stage and n.field == field)


def test_a_field_with_nobody_certified_is_a_gap_until_someone_is_certified(world, trainee, field):
    world.receive()  # the field is received here lately: the point needs it
    gaps = point_gaps_tomorrow(world.office)
    assert gaps.day > local_date()
    assert {(n.stage.code, n.field) for n in gaps.needs} == {(code, field) for code in gated_stages()}
    assert _need(gaps, "receive", field).gap and len(gaps.gaps) == len(gated_stages())

    certify(trainee, "receive", field)
    gaps = point_gaps_tomorrow(world.office)
    assert not _need(gaps, "receive", field).gap
    assert _need(gaps, "receive", field).certified == [trainee]
    assert _need(gaps, "digitize", field).gap
    assert ("receive", field) not in {(n.stage.code, n.field) for n in gaps.gaps}


def test_what_is_not_valid_tomorrow_does_not_cover_and_a_waiver_does(world, trainee, supervisor, field):
    world.receive()
    today = local_date()
    certify(trainee, "receive", field, until=today)  # valid today only
    certification_revoke(certify(world.clerk, "receive", field), reason="Sai quy trình", actor=None)
    leaving = UserFactory()
    Assignment.objects.create(
        user=leaving, role=Role.POSTAL_CLERK, receiving_point=world.office, valid_until=today
    )  # does not work here tomorrow
    certify(leaving, "digitize", field)
    waiver_grant(
        trainee, "digitize", None, starts=today, ends=today + timedelta(days=20), reason="Chờ thi", actor=supervisor
    )

    gaps = point_gaps_tomorrow(world.office)
    assert leaving not in gaps.staff and trainee in gaps.staff
    assert _need(gaps, "receive", field).gap
    digitize = _need(gaps, "digitize", field)
    assert not digitize.gap and digitize.waived == [trainee] and digitize.certified == []


def test_certificates_ending_within_30_days_are_listed(world, trainee, field):
    world.receive()
    today = local_date()
    soon = certify(trainee, "receive", field, until=today + timedelta(days=10))
    certify(trainee, "digitize", field, until=today + timedelta(days=60))
    renewed = certify(world.clerk, "receive", field, until=today + timedelta(days=5))
    certify(world.clerk, "receive", field)  # renews it: no longer ending
    gaps = point_gaps_tomorrow(world.office)
    assert gaps.expiring == [soon]
    assert renewed not in gaps.expiring


def test_the_page_is_linked_from_the_matrix_and_shows_the_gap(client, world, trainee, supervisor, field):
    world.receive()
    client.force_login(supervisor)
    matrix = client.get(reverse("certification:matrix")).content.decode()
    assert reverse("certification:gaps") in matrix
    page = client.get(reverse("certification:gaps")).content.decode()
    assert f'data-stage="receive" data-field="{field.code}" data-gap="1"' in page
    certify(trainee, "receive", field)
    page = client.get(reverse("certification:gaps")).content.decode()
    assert f'data-stage="receive" data-field="{field.code}" data-gap="0"' in page
    assert "Ngô Văn Học" in page
    client.force_login(trainee)
    assert client.get(reverse("certification:gaps")).status_code == 403
