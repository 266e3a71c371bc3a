"""Keeping a scanned paper on the dossier: one place for the reception and the supplement."""

from __future__ import annotations

import os

from django.core.files import File

from ..models import DossierComponent


def dossier_component_scan_store(*, paper: DossierComponent, upload: File) -> DossierComponent:
    """Store ``upload`` as the scan of ``paper`` (under the dossier's private folder) and mark it digitized."""
    paper.file.save(os.path.basename(upload.name or "") or "scan.pdf", upload, save=False)
    paper.digitized = True
    paper.save(update_fields=["file", "digitized"])
    return paper
