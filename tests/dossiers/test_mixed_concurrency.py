# ruff: noqa: F811 - fixtures imported from the documents' samples are requested by name
"""Eight clients at one post office, on the real PostgreSQL, mixing every write that meets there: receptions,
transfers (one by one and in a hand-over), digitizations and step completions. None of them may fail (a
deadlock is an error the clerk sees), and what they leave must add up (docs/architecture.md, "Lock order")."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from django.db import connection

from motcua.audit.services import audit_chain_verify
from motcua.documents import pipeline
from motcua.documents.models import DigitizationJob, DocumentUse, JobStatus
from motcua.documents.pki import ensure_unit, point_unit
from motcua.documents.services import digitization_job_create, digitization_job_run
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, HandOver, StepStatus
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.handover import dossier_handover
from tests.documents.pipeline_samples import _pki_dir, media, pki, save_pdf  # noqa: F401
from tests.dossiers.conftest import world  # noqa: F401 - fixture

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("pki", "media")]

CLIENTS = 8


@pytest.fixture
def fast_ocr(monkeypatch):
    """OCR replaced by a copy: the test is about locks, not Tesseract."""

    def copy(source: Path, out: Path, *, progress=None) -> Path:
        with pikepdf.open(source) as pdf:
            pdf.save(out)
        return out

    monkeypatch.setattr(pipeline, "ocr", copy)


def _run_clients(clients: list[list[Callable[[], object]]]) -> list[BaseException]:
    """Each client runs its requests one after the other in its own thread, all clients starting at once;
    the errors of every request are returned."""
    barrier = threading.Barrier(len(clients))
    errors: list[BaseException] = []
    guard = threading.Lock()

    def run(requests: list[Callable[[], object]]) -> None:
        try:
            barrier.wait()
            for request in requests:
                try:
                    request()
                except BaseException as error:  # collected and asserted by the test
                    with guard:
                        errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(requests,)) for requests in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_eight_clients_mixing_every_write_at_one_post_office_all_succeed(world, tmp_path, fast_ocr):
    """GIVEN one post office with dossiers waiting to be transferred, handed over, digitized and worked on
    WHEN eight clients do all of it at once, with receptions in between
    THEN no request fails, and codes, hand-over numbers, histories, papers and the audit chain add up."""
    ensure_unit(point_unit(world.office))  # the office's signing key, made once before the rush
    to_transfer = [world.receive() for _ in range(CLIENTS)]
    to_hand_over = [world.receive() for _ in range(CLIENTS)]
    to_work = [t.dossier_transfer(dossier=world.receive(), actor=world.clerk) for _ in range(CLIENTS)]
    to_digitize = [world.receive() for _ in range(CLIENTS)]
    jobs = [
        digitization_job_create(
            files=[save_pdf(tmp_path / f"scan-{index}.pdf")],
            owner_id_number=dossier.applicant_id_number,
            kind="Tờ khai",
            title="Tờ khai",
            actor=world.clerk,
            receiving_point=world.office,
            component=dossier.components.get(),
            enqueue=False,
        )
        for index, dossier in enumerate(to_digitize)
    ]
    codes_before = set(Dossier.objects.values_list("code", flat=True))

    clients = []
    for index in range(CLIENTS):
        requests: list[Callable[[], object]] = [
            world.receive,
            lambda d=to_transfer[index]: t.dossier_transfer(dossier=d, actor=world.clerk),
            lambda d=to_hand_over[index]: dossier_handover(
                point=world.office, agency=world.committee, dossiers=[d], actor=world.clerk
            ),
            lambda job=jobs[index]: digitization_job_run(job_id=job.pk),
            lambda d=to_work[index]: t.dossier_step_complete(dossier=d, actor=world.specialist),
        ]
        random.Random(index).shuffle(requests)
        clients.append(requests)

    errors = _run_clients(clients)

    assert errors == []
    new_codes = sorted(set(Dossier.objects.values_list("code", flat=True)) - codes_before)
    assert len(new_codes) == CLIENTS
    every_code = sorted(Dossier.objects.values_list("code", flat=True))
    prefix = every_code[0].rsplit("-", 1)[0]
    assert every_code == [f"{prefix}-{n:04d}" for n in range(1, len(every_code) + 1)]  # gap-free, no twins

    transferred = Dossier.objects.filter(pk__in=[d.pk for d in to_transfer + to_hand_over])
    assert set(transferred.values_list("status", flat=True)) == {Status.IN_PROCESS}
    for dossier in transferred:
        assert DossierEvent.objects.filter(dossier=dossier, action="transfer").count() == 1
    handovers = HandOver.objects.filter(receiving_point=world.office).order_by("number")
    assert [h.dossiers.count() for h in handovers] == [1] * CLIENTS
    assert [h.number[-2:] for h in handovers] == [f"{n:02d}" for n in range(1, CLIENTS + 1)]

    for dossier in to_work:
        done = DossierStep.objects.filter(dossier=dossier, order=2, status=StepStatus.DONE)
        assert done.count() == 1
        assert DossierEvent.objects.filter(dossier=dossier, action="complete_step").count() == 1

    assert set(DigitizationJob.objects.values_list("status", flat=True)) == {JobStatus.DONE}
    for dossier in to_digitize:
        paper = dossier.components.get()
        assert paper.digitized and paper.document_ref
        assert DocumentUse.objects.filter(dossier=dossier, component=paper).count() == 1

    for dossier in Dossier.objects.all():
        seqs = list(DossierEvent.objects.filter(dossier=dossier).order_by("seq").values_list("seq", flat=True))
        assert seqs == list(range(1, len(seqs) + 1)), dossier.code
    report = audit_chain_verify()
    assert report.ok, report.problems
