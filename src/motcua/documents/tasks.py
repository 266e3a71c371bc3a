"""Celery task of digitization: thin, JSON arguments, safe to run twice.

Routed to the ``ocr`` queue (``CELERY_TASK_ROUTES``), so OCR workers scale apart from the others:
``celery -A motcua worker -Q ocr --concurrency 1``. ``acks_late``: a worker killed mid-job leaves the
message unacknowledged, the broker redelivers it, and the job resumes (see ``services``).
"""

from __future__ import annotations

from celery import shared_task

from .services import digitization_job_run, dossier_result_to_data_store


@shared_task(
    name="documents.digitize",
    acks_late=True,
    reject_on_worker_lost=True,
    # The service ends the job itself after DIGITIZATION_MAX_ATTEMPTS; what it raises is worth a retry.
    autoretry_for=(Exception,),
    retry_backoff=10,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,
)
def digitize_task(job_id: int) -> str:
    """Run digitization job ``job_id`` to its end; returns its status."""
    return digitization_job_run(job_id=job_id).status


@shared_task(
    name="documents.store_result",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=10,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,
)
def store_result_task(dossier_id: int) -> str:
    """Digitize, sign and store an approved dossier's result in its owner's data store (idempotent)."""
    document = dossier_result_to_data_store(dossier_id=dossier_id)
    return str(document.uid) if document is not None else ""
