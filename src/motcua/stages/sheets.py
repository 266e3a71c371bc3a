"""The printable process sheet of a stage (A4, PDF with WeasyPrint), one stage or the whole catalogue.

Printed in Vietnamese like the slips (``dossiers.slips.render``), with the English name under the Vietnamese:
a sheet is posted at the counter and handed out in training. No network: fonts come from the system.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from .codes import Indicator, slip_title
from .models import Boundary, CatalogueVersion, Stage


def _stage_context(stage: Stage) -> dict[str, Any]:
    events = list(stage.events.all())
    return {
        "stage": stage,
        "steps": list(stage.steps.all()),
        "start_events": [e for e in events if e.boundary == Boundary.START],
        "end_events": [e for e in events if e.boundary == Boundary.END],
        "slips": [(code, slip_title(code)) for code in stage.slips],
        "indicators": [
            (code, Indicator(code).label if code in Indicator.values else code) for code in stage.indicators
        ],
    }


def process_sheet_html(*, version: CatalogueVersion, stages: Sequence[Stage]) -> str:
    """One page per stage of ``stages`` (from ``version``), as a self-contained HTML document."""
    with translation.override("vi"):
        return render_to_string(
            "stages/sheet.html", {"version": version, "sheets": [_stage_context(stage) for stage in stages]}
        )


def process_sheet_pdf(*, version: CatalogueVersion, stages: Sequence[Stage]) -> bytes:
    """The process sheets of ``stages`` as PDF bytes; nothing is fetched (no URL resolves)."""
    from weasyprint import HTML  # heavy import, only when printing
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf = HTML(
        string=process_sheet_html(version=version, stages=stages), base_url=None, url_fetcher=fetcher
    ).write_pdf()
    assert pdf is not None
    return bytes(pdf)
