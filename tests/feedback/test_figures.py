"""The figures: ratings per agency, point and clerk in the staff's scope, the workbook, and the index's counts."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from motcua.core.localtime import local_date
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier
from motcua.feedback.selectors import complaint_figures, dossier_has_complaint, rating_figures, ratings_for_user
from motcua.feedback.services import (
    complaint_acknowledge,
    complaint_answer,
    complaint_file,
    complaint_refuse,
    dossier_rate,
)
from tests.dossiers.transitions_support import reach

pytestmark = pytest.mark.django_db


def _complaint(dossier):
    return complaint_file(name="An", phone="0912345678", email="", category="handling", subject="s", body="b",
                          dossier=dossier)  # fmt: skip


def test_rating_figures_count_per_agency_point_and_clerk_within_the_scope(client, world):
    first, second = reach(world, Status.RETURNED), reach(world, Status.RETURNED)
    dossier_rate(dossier=first, score="satisfied", reasons=["fast"], comment="", source="link")
    dossier_rate(dossier=second, score="dissatisfied", reasons=["slow"], comment="", source="link")
    figures = rating_figures(ratings=ratings_for_user(user=world.onestop))
    assert figures.total.count == 2 and figures.total.satisfied == 1 and figures.total.dissatisfied == 1
    assert figures.by_agency[0].satisfied_share == 0.5
    assert figures.by_point[0].label == world.office.name
    assert figures.by_received_by[0].count == 2
    assert dict((code, n) for code, _label, n in figures.reasons)["slow"] == 1
    assert ratings_for_user(user=world.outsider).count() == 0
    client.force_login(world.onestop)
    page = client.get(reverse("feedback:ratings"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    workbook = client.get(reverse("feedback:ratings_download"))
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook.content))
    assert len(book.sheetnames) == 6
    assert client.get(reverse("feedback:ratings"), {"tu": "31/02/2026"}).status_code == 400


def test_complaint_figures_count_dossiers_with_a_complaint_and_answers_on_time(world):
    first, second, third = (reach(world, Status.IN_PROCESS) for _ in range(3))
    answered = _complaint(first)
    complaint_acknowledge(complaint=answered, user=world.onestop)
    complaint_answer(complaint=answered, user=world.onestop, answer="Đã xử lý")
    _complaint(first)
    refused = _complaint(second)
    complaint_refuse(complaint=refused, user=world.onestop, reason="Trùng lặp")
    today = local_date()
    figures = complaint_figures(scope=Dossier.objects.all(), period=(today, today))
    assert figures.filed == 3
    assert figures.dossiers_with_complaint == 1  # the refused one does not count
    assert (figures.answered, figures.answered_on_time, figures.on_time_share) == (1, 1, 1.0)
    assert dossier_has_complaint(first) and not dossier_has_complaint(second) and not dossier_has_complaint(third)
    assert complaint_figures(scope=Dossier.objects.none(), period=(today, today)).filed == 0
