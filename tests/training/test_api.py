"""The API: exams for the caller, start, submit once, result; no credit is sent before the attempt closes."""

from __future__ import annotations

import pytest

from motcua.api.services import api_token_create
from motcua.training.models import ExamAttempt

pytestmark = pytest.mark.django_db


def _headers(user) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="t")
    return {"Authorization": f"Bearer {raw}"}


def test_start_submit_and_result_through_the_api(client, staff, blueprint):
    headers = _headers(staff["postal_clerk"])
    listed = client.get("/api/v1/training/blueprints", headers=headers).json()
    assert [b["id"] for b in listed] == [blueprint.pk] and listed[0]["question_count"] == 5
    started = client.post(f"/api/v1/training/blueprints/{blueprint.pk}/attempts", headers=headers)
    assert started.status_code == 201
    body = started.json()
    assert all(q["fraction"] is None and len(q["choices"]) == 2 for q in body["questions"])
    attempt = ExamAttempt.objects.get()
    answers = [
        {"position": row.position, "answer": next(i for i, c in enumerate(row.data["choices"]) if c["fraction"] == 1)}
        for row in attempt.questions.all()
    ]
    url = f"/api/v1/training/attempts/{attempt.pk}/submit"
    first = client.post(url, {"answers": answers}, content_type="application/json", headers=headers)
    second = client.post(url, {"answers": []}, content_type="application/json", headers=headers)
    assert first.status_code == 200 and first.json()["score_percent"] == "100.00" and first.json()["passed"]
    assert second.json()["score_percent"] == "100.00" and second.json()["submitted_at"] == first.json()["submitted_at"]
    assert (
        client.get(f"/api/v1/training/attempts/{attempt.pk}", headers=headers).json()["questions"][0]["fraction"] == 1.0
    )


def test_another_users_attempt_answers_404_and_a_bad_answer_422(client, staff, blueprint):
    clerk = _headers(staff["postal_clerk"])
    attempt_id = client.post(f"/api/v1/training/blueprints/{blueprint.pk}/attempts", headers=clerk).json()["id"]
    other = _headers(staff["postman"])
    assert client.get(f"/api/v1/training/attempts/{attempt_id}", headers=other).status_code == 404
    bad = client.post(
        f"/api/v1/training/attempts/{attempt_id}/submit",
        {"answers": [{"position": 1, "answer": "x"}]},
        content_type="application/json",
        headers=clerk,
    )
    assert bad.status_code == 422 and bad.json()["code"] == "training_answer_invalid"
