"""Issue 15, item 6: ``manage.py synth_dossiers`` bulk-loads synthetic dossiers in the services' shapes.

On SQLite the rows go through INSERTs; with DATABASE_URL set to PostgreSQL the same tests run the COPY path.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from motcua.agencies.models import Agency, AgencyLevel, ReceivingPoint, ReceivingPointKind, Role
from motcua.agencies.models import StaffAssignment as Assignment
from motcua.audit.models import AuditEvent
from motcua.audit.services import audit_chain_verify
from motcua.dossiers.lifecycle import ENDED, Status
from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierComponent, DossierEvent, DossierFee, DossierStep
from motcua.dossiers.services.codes import dossier_code_issue
from motcua.localities.models import DivisionType, Province
from motcua.synthetic.plan import AUDIT_ACTION
from tests.dossiers.conftest import World, world  # noqa: F401 - the fixture
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ARGS = ("200", "--province", "42", "--year", "2025", "--seed", "7", "--batch-size", "50")
SYNTHETIC = {"submission_key__startswith": "synth:"}


@pytest.fixture
def ready(world: World) -> World:  # noqa: F811
    """The world's committee as a commune's, a service centre beside the post offices, and two real dossiers."""
    Agency.objects.filter(pk=world.committee.pk).update(level=AgencyLevel.COMMUNE, commune=world.commune)
    centre = ReceivingPoint.objects.create(
        code="H30.X01.TTHCC.QUAY",
        name="Trung tâm",
        kind=ReceivingPointKind.SERVICE_CENTRE,
        operator=world.committee,
        commune=world.commune,
        address="2",
    )
    centre.serves.set([world.committee])
    Assignment.objects.create(user=UserFactory(), role=Role.POSTAL_CLERK, receiving_point=centre)
    world.receive()
    world.receive()
    return world


def _real() -> list[tuple]:
    dossiers = Dossier.objects.exclude(**SYNTHETIC).order_by("code")
    return [(d.code, d.status, d.appointment_at, d.events.count(), d.steps.count()) for d in dossiers]


def _digest() -> str:
    """Everything the run wrote but database ids, in a stable order."""
    codes = dict(Dossier.objects.filter(**SYNTHETIC).values_list("id", "code"))
    text = []
    for d in Dossier.objects.filter(**SYNTHETIC).order_by("code").values():
        text.append(repr(sorted((k, v) for k, v in d.items() if k != "id")))
    for model, key in (
        (DossierEvent, "seq"),
        (DossierStep, "order"),
        (DossierFee, "order"),
        (DossierComponent, "name"),
    ):
        rows = model.objects.filter(dossier_id__in=codes).values()
        for row in sorted(rows, key=lambda r: (codes[r["dossier_id"]], r[key])):
            row = {**row, "dossier_id": codes[row["dossier_id"]]}
            text.append(repr(sorted((k, v) for k, v in row.items() if k != "id")))
    return hashlib.sha256("\n".join(text).encode()).hexdigest()


def test_synthetic_dossiers_are_consistent_and_leave_real_ones_alone(ready):
    before = _real()
    call_command("synth_dossiers", *ARGS)

    dossiers = list(Dossier.objects.filter(**SYNTHETIC))
    assert len(dossiers) == 200
    assert len({d.code for d in dossiers}) == 200
    assert all(re.fullmatch(r"[A-Z0-9.]+-25\d{4}-\d{4}", d.code) for d in dossiers)
    assert {d.status for d in dossiers} >= {Status.RETURNED, Status.REFUSED}
    assert {d.channel for d in dossiers} == {"counter", "postal"}
    history = defaultdict(list)
    for event in DossierEvent.objects.filter(dossier__in=dossiers).order_by("dossier", "seq"):
        history[event.dossier_id].append(event)
    for d in dossiers:
        events = history[d.pk]
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert events[0].action == "receive" and events[0].at == d.received_at
        assert events[-1].to_status == d.status
        assert all(e.from_status == p.to_status for p, e in pairwise(events))
        assert all(p.at <= e.at for p, e in pairwise(events))
        assert (d.returned_at is not None) == (d.status == Status.RETURNED)
        assert (d.processed_at is not None) == (d.status in ENDED)
        decided = any(e.action in ("approve", "reject") for e in events)
        assert bool(d.completion) == decided
        assert d.supplement_requests == sum(e.action == "request_supplement" for e in events)
        assert d.appointment_at >= d.received_at
    steps = DossierStep.objects.filter(dossier__in=dossiers)
    assert not steps.filter(status="done", finished_at__isnull=True).exists()
    assert steps.filter(status="active").exists()

    # The code counters went past the synthetic numbers: a later reception that day takes the next one.
    last = max(dossiers, key=lambda d: d.code)
    day = last.received_at.astimezone(last.appointment_at.tzinfo).date()
    with transaction.atomic():
        issued = dossier_code_issue(agency=last.issuing_agency, day=day)
    assert int(issued.rsplit("-", 1)[1]) == int(last.code.rsplit("-", 1)[1]) + 1
    assert DossierCodeCounter.objects.filter(day__year=2025).exists()

    assert _real() == before
    assert AuditEvent.objects.filter(action=AUDIT_ACTION).count() == 4
    assert audit_chain_verify().ok


def test_the_same_seed_gives_the_same_rows_and_a_resumed_run_finishes_the_same(ready, capsys):
    point = transaction.savepoint()
    call_command("synth_dossiers", *ARGS)
    whole = _digest()
    transaction.savepoint_rollback(point)
    assert not Dossier.objects.filter(**SYNTHETIC).exists()

    call_command("synth_dossiers", *ARGS, "--max-batches", "1")  # interrupted after its first batch
    assert Dossier.objects.filter(**SYNTHETIC).count() == 50
    call_command("synth_dossiers", *ARGS, "--resume")
    assert Dossier.objects.filter(**SYNTHETIC).count() == 200
    assert _digest() == whole
    call_command("synth_dossiers", *ARGS)
    assert "already written" in capsys.readouterr().out
    assert Dossier.objects.filter(**SYNTHETIC).count() == 200
    assert audit_chain_verify().ok


def test_another_seed_gives_other_rows(ready):
    point = transaction.savepoint()
    call_command("synth_dossiers", *ARGS)
    first = _digest()
    transaction.savepoint_rollback(point)
    call_command("synth_dossiers", *ARGS[:-4], "--seed", "8", "--batch-size", "50")
    assert _digest() != first


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("10", "--province", "99"), "No province"),
        (("10", "--year", "1999"), "The year must be"),
        (("10", "--year", "2999"), "The year must be"),
        (("10", "--province", "01"), "no receiving points"),
        (("0",), "The count must be"),
        (("10", "--channels", "counter=x"), "Bad channel share"),
        (("10", "--resume"), "to resume"),
    ],
)
def test_a_wrong_province_year_or_parameter_exits_with_2(ready, args, said):
    Province.objects.create(code="01", name="Hà Nội", division_type=DivisionType.CENTRAL_CITY, codename="hn")
    with pytest.raises(CommandError, match=said) as refused:
        call_command("synth_dossiers", *args)
    assert refused.value.returncode == 2
    assert not Dossier.objects.filter(**SYNTHETIC).exists()
