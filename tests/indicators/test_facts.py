"""The facts of a dossier, each rule of the on-time verdict (docs/indicators.md, "Facts")."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from time_machine import travel

from motcua.dossiers.lifecycle import Action
from motcua.indicators.facts import dossier_facts
from tests.dossiers.conftest import at
from tests.dossiers.transitions_support import perform

from .support import ONLINE, approved, complain, digitize, pay_online, rate, received, supplemented, sync

pytestmark = pytest.mark.django_db


def _facts(dossier):
    return dossier_facts().get(pk=dossier.pk)


def test_a_dossier_approved_before_its_appointment_is_on_time(world):
    dossier = approved(world, received(world), when="06/05/2026 10:00")
    facts = _facts(dossier)
    assert facts.on_time is True
    assert facts.finished_at == at("06/05/2026 10:00")
    assert facts.decided_with_document is True


def test_a_dossier_approved_after_its_appointment_is_late(world):
    dossier = approved(world, received(world), when="15/05/2026 10:00")
    assert _facts(dossier).on_time is False


def test_two_supplement_requests_during_processing_make_a_dossier_late_even_when_finished_early(world):
    dossier = received(world)
    dossier = supplemented(world, dossier, when="05/05/2026 09:00")
    dossier = supplemented(world, dossier, when="05/05/2026 10:00")
    facts = _facts(approved(world, dossier, when="06/05/2026 10:00"))
    assert facts.supplement_requests_during == 2
    assert facts.on_time is False


def test_a_supplement_at_reception_is_not_one_of_the_requests_during_processing(world):
    dossier = received(world, reception_supplement=True)
    dossier = supplemented(world, dossier, when="05/05/2026 09:00")
    facts = _facts(approved(world, dossier, when="06/05/2026 10:00"))
    assert facts.supplement_requests == 2  # the dossier's own count keeps every request, for the record
    assert facts.supplement_requests_during == 1
    assert facts.on_time is True


def test_a_dossier_stopped_while_waiting_for_a_supplement_is_measured_at_the_request(world):
    dossier = received(world)
    with travel(at("06/05/2026 09:00"), tick=False):
        dossier = perform(world, dossier, Action.REQUEST_SUPPLEMENT)
    with travel(at("25/05/2026 09:00"), tick=False):  # long after the appointment
        dossier = perform(world, dossier, Action.STOP)
    facts = _facts(dossier)
    assert facts.finished_at == at("25/05/2026 09:00")  # when processing ended, for the record
    assert facts.on_time is True


def test_an_open_dossier_is_not_yet_decided_and_a_refused_one_never_is(world):
    open_dossier = received(world)
    with travel(at(RECEIVED := "04/05/2026 09:00"), tick=False):
        refused = perform(world, world.receive(received_at=at(RECEIVED)), Action.REFUSE)
    assert _facts(open_dossier).on_time is None
    assert _facts(refused).on_time is None
    assert _facts(refused).finished_at is not None


def test_the_other_facts_come_from_components_payments_ratings_complaints_and_the_national_portal(world):
    plain = approved(world, received(world), when="06/05/2026 10:00")
    rich = approved(world, received(world, **ONLINE), when="06/05/2026 10:00")
    digitize(rich, reused=True)
    pay_online(rich)
    sync(rich)
    rate(rich, "normal")
    complain(rich, world.province)
    rate(plain, "dissatisfied")

    p, r = _facts(plain), _facts(rich)
    assert (p.digitized, p.reused, p.paid_online, p.synced, p.complaint) == (False, False, False, False, False)
    assert (r.digitized, r.reused, r.paid_online, r.synced, r.complaint) == (True, True, True, True, True)
    assert (p.rating_answer, r.rating_answer) == ("dissatisfied", "neutral")
    assert r.channel == "online" and r.fee_bearing is (r.fees_charged > 0)
    assert (r.province_code, r.commune_code, r.agency_code, r.point_code) == ("42", "18073", "H30.X01", "VNP.42.1")


def test_the_facts_of_any_number_of_dossiers_are_one_query(world):
    for _ in range(3):
        sync(received(world))
    with CaptureQueriesContext(connection) as queries:
        rows = list(dossier_facts().values("code", "synced", "on_time", "rating_answer", "supplement_requests_during"))
    assert len(rows) == 3
    assert len(queries) == 1
