"""Celery task of digitization: thin, JSON arguments, safe to run twice.

Routed to the ``ocr`` queue (``CELERY_TASK_ROUTES``), so OCR workers scale apart from the others:
``celery -A motcua worker -Q ocr --concurrency 1``. ``acks_late``: a worker killed mid-job leaves the
message unacknowledged, the broker redelivers it, and the job resumes (see ``services``).
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from .services import digitization_job_run, dossier_result_to_data_store

# Both tasks are idempotent, so a message is acknowledged only once its work is done and any error is
# worth a retry (the digitization service itself ends a job after DIGITIZATION_MAX_ATTEMPTS).
RETRY_SAFE: dict[str, Any] = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 10,
    "retry_jitter": True,
    "max_retries": 5,
    "ignore_result": True,
}


@shared_task(name="documents.digitize", **RETRY_SAFE)
def digitize_task(job_id: int) -> str:
    """Run digitization job ``job_id`` to its end; returns its status."""
    return digitization_job_run(job_id=job_id).status


@shared_task(name="documents.store_result", **RETRY_SAFE)
def store_result_task(dossier_id: int) -> str:
    """Digitize, sign and store an approved dossier's result in its owner's data store (idempotent)."""
    document = dossier_result_to_data_store(dossier_id=dossier_id)
    return str(document.uid) if document is not None else ""
