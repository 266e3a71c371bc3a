"""Two clerks accepting the same submission at the same instant: one registers the dossier, the other is told the
submission is decided (PostgreSQL row locks)."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.core.errors import ApplicationError
from motcua.dossiers.models import Dossier
from motcua.submissions.lifecycle import SubmissionStatus
from motcua.submissions.services import submission_accept, submission_refuse
from tests.concurrency import run_together

from .conftest import fill, start

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_accept_and_refuse_at_once_decide_once(online, account):
    client = Client()
    client.force_login(account.user)
    submission = start(client, online)
    fill(client, online, submission)
    client.post(f"/cong-dan/nop-truc-tuyen/{submission.reference}/nop/")

    def accept() -> object:
        return submission_accept(submission=submission, actor=online.clerk, lead_agency_id=online.committee.pk)

    def refuse() -> object:
        return submission_refuse(
            submission=submission, actor=online.clerk, lead_agency_id=online.committee.pk, reasons="Sai"
        )

    results = run_together(accept, accept, refuse)
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(refused) == 2 and all(r.code == "submission_not_waiting" for r in refused)
    submission.refresh_from_db()
    assert submission.status in (SubmissionStatus.ACCEPTED, SubmissionStatus.REFUSED)
    assert Dossier.objects.count() == (1 if submission.status == SubmissionStatus.ACCEPTED else 0)


def test_different_work_at_one_post_office_at_once_all_lands_with_distinct_codes(online, account):
    """Mixed load at one point: a clerk accepts an online submission while another receives at the counter and a
    third receives a second counter dossier — the same code counter, the same point — and a citizen changes how a
    fourth dossier comes back. All succeed, codes are distinct and follow each other."""
    from motcua.dossiers.services.electronic import dossier_return_method_change

    client = Client()
    client.force_login(account.user)
    submission = start(client, online)
    fill(client, online, submission)
    client.post(f"/cong-dan/nop-truc-tuyen/{submission.reference}/nop/")
    earlier = online.receive()

    def accept() -> object:
        return submission_accept(submission=submission, actor=online.clerk, lead_agency_id=online.committee.pk)

    def counter() -> object:
        return online.receive()

    def electronic() -> object:
        return dossier_return_method_change(dossier=earlier, actor=account.user, method="electronic")

    results = run_together(accept, counter, counter, electronic)
    assert [r for r in results if isinstance(r, BaseException)] == []
    codes = sorted(Dossier.objects.exclude(pk=earlier.pk).values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 3
    assert [int(code.rsplit("-", 1)[1]) for code in codes] == [2, 3, 4]  # the earlier dossier took number 1
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    earlier.refresh_from_db()
    assert earlier.return_method == "electronic"
