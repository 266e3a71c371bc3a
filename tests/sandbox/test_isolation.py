"""Issue 12 item 11: a dossier received at a training point, through the real reception service, is nobody's real
work. It reaches no agency inbox, no supervision list, workload or register 07, no outbox message (the national
exchange, the post, the data store), no deadline watch, no postal reconciliation and no calibration of the planner;
the real dossier received beside it is counted everywhere as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from motcua.agencies.models import Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.desk.supervision_query import DossierFilters, point_choices, supervision_dossiers
from motcua.dossiers.control import dossier_deadlines_flag
from motcua.dossiers.models import Dossier, OutboxMessage
from motcua.dossiers.selectors import dossier_list_for_user
from motcua.dossiers.services.receive import dossier_receive
from motcua.dossiers.workload import workload_for
from motcua.planner.calibration import Period, counter_dossiers
from motcua.postal.money import reconciliation_for_day
from motcua.sandbox.points import practise_at, training_point_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
FEES = 50000


@pytest.fixture
def admin(world):
    user = UserFactory()
    Assignment.objects.create(user=user, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def training_point(world, trainee):
    point = training_point_for(world.office)
    practise_at(user=trainee, training_point=point)
    return point


@pytest.fixture
def both(world, trainee, training_point) -> tuple[Dossier, Dossier]:
    """(real, training): the same reception, at the office by its clerk and at its training point by the trainee."""
    real = dossier_receive(reception=world.reception(fees_paid=FEES), actor=world.clerk)
    training = dossier_receive(
        reception=world.reception(
            receiving_point=training_point, lead_agency=training_point.serves.get(), fees_paid=FEES
        ),
        actor=trainee,
    )
    return real, training


def test_no_reader_of_real_work_sees_the_training_dossier(world, trainee, admin, both, training_point):
    real, training = both
    for user in (world.specialist, world.leader, world.onestop, world.clerk, admin):
        seen = set(dossier_list_for_user(user=user).values_list("pk", flat=True))
        assert training.pk not in seen, user
    for user in (world.specialist, world.onestop, world.clerk, admin):
        assert real.pk in set(dossier_list_for_user(user=user).values_list("pk", flat=True)), user
    # The trainee sees what they practised (its receipt page), and their real point's work as before.
    assert {real.pk, training.pk} <= set(dossier_list_for_user(user=trainee).values_list("pk", flat=True))


def test_supervision_workload_and_register_count_real_work_only(world, admin, both, training_point):
    real, training = both
    for user in (world.onestop, admin):
        listed = set(supervision_dossiers(user=user, filters=DossierFilters()).values_list("pk", flat=True))
        assert real.pk in listed and training.pk not in listed
        assert training_point not in point_choices(user=user)  # register 07 is chosen among these points
    load = workload_for(user=admin)
    assert load.totals.received == 1
    assert training_point.pk not in {row.point.pk for row in load.points if row.received}


def test_no_outbox_message_and_no_deadline_notice_for_the_training_dossier(both):
    real, training = both
    codes = [m.payload.get("code") for m in OutboxMessage.objects.all()]
    assert real.code in codes and training.code not in codes
    dossier_deadlines_flag(at=real.appointment_at + dt.timedelta(days=30))
    codes = [m.payload.get("code") for m in OutboxMessage.objects.all()]
    assert codes.count(real.code) >= 2 and training.code not in codes


def test_reconciliation_and_calibration_leave_the_training_dossier_out(world, both, training_point):
    real, _training = both
    assert reconciliation_for_day(day=local_date(), point=training_point).counter == ()
    lines = reconciliation_for_day(day=local_date(), point=world.office).counter
    assert [(line.dossiers, line.fees) for line in lines] == [(1, FEES)]
    period = Period(start=local_date() - dt.timedelta(days=1), end=local_date())
    measured = set(counter_dossiers([world.office, training_point], period).values_list("pk", flat=True))
    assert measured == {real.pk}


def test_a_training_dossier_takes_no_number_of_a_real_units_code_book(both):
    real, training = both
    assert training.issuing_agency != real.issuing_agency
    assert training.issuing_agency.code.startswith("Z99.DT.")


@override_settings(TRAINING_GATE="enforce")
def test_practice_is_not_gated_but_real_reception_is(world, trainee, training_point):
    practised = dossier_receive(
        reception=world.reception(receiving_point=training_point, lead_agency=training_point.serves.get()),
        actor=trainee,
    )
    assert practised.receiving_point == training_point
    with pytest.raises(ApplicationError) as refused:
        dossier_receive(reception=world.reception(), actor=trainee)
    assert refused.value.code == "certification_required"


def test_the_public_lookup_never_finds_a_training_dossier(both):
    from motcua.dossiers.selectors import dossier_get_for_lookup

    real, practice = both
    assert dossier_get_for_lookup(code=real.code, secret=real.lookup_secret) == real
    assert dossier_get_for_lookup(code=practice.code, secret=practice.lookup_secret) is None
