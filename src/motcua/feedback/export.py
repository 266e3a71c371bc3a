"""The ratings' figures as an Excel workbook and a bar chart (docs/feedback.md, "Figures"): a sheet per grouping
(agency, point, receiving clerk, returning clerk) and one with every rating; shares are percentages, so a
supervisor can sort and chart them. Headers in the page's language."""

from __future__ import annotations

import io
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from motcua.core import charts
from motcua.core.charts import SERIES_COLOURS, Series, number

from .selectors import RatingFigures, RatingRow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _row(row: RatingRow) -> list[Any]:
    return [
        row.label,
        row.count,
        row.satisfied,
        row.normal,
        row.dissatisfied,
        _percent(row.satisfied_share),
        _percent(row.dissatisfied_share),
    ]


def ratings_xlsx(*, figures: RatingFigures, ratings: QuerySet[Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)

    def sheet(title: str, headers: list[str], rows: list[list[Any]]) -> None:
        page = workbook.create_sheet(title=title[:31])
        page.append(headers)
        for cell in page[1]:
            cell.font, cell.fill = bold, fill
        for row in rows:
            page.append(row)
        page.column_dimensions["A"].width = 36
        page.freeze_panes = "A2"

    counts = [_("Ratings"), _("Satisfied"), _("Neither"), _("Dissatisfied"), _("Satisfied (%)"),
              _("Dissatisfied (%)")]  # fmt: skip
    groups = (
        (_("Per agency"), _("Lead agency"), figures.by_agency),
        (_("Per point"), _("Receiving point"), figures.by_point),
        (_("Per receiving clerk"), _("Received by"), figures.by_received_by),
        (_("Per returning clerk"), _("Returned by"), figures.by_returned_by),
    )
    for title, first_header, rows in groups:
        sheet(title, [first_header, *counts], [_row(row) for row in rows])
    sheet(_("Reasons"), [_("Reason"), _("Ratings")], [[label, count] for _code, label, count in figures.reasons])
    every = [
        [
            rating.dossier.code,
            timezone.localtime(rating.rated_at).strftime("%d/%m/%Y %H:%M"),
            rating.get_score_display(),
            ", ".join(rating.reason_labels()),
            rating.comment,
            rating.lead_agency.name,
            rating.receiving_point.name,
            rating.get_source_display(),
        ]
        for rating in ratings
    ]
    headers = [_("Dossier"), _("Rated at"), _("Rating"), _("Reasons"), _("Comment"), _("Lead agency"),
               _("Receiving point"), _("Given through")]  # fmt: skip
    sheet(_("Ratings"), headers, every)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ratings_chart(figures: RatingFigures) -> SafeString:
    """Satisfied, neither and dissatisfied per lead agency, as horizontal bars."""
    series = [
        Series(_("Satisfied"), SERIES_COLOURS[1]),
        Series(_("Neither"), SERIES_COLOURS[2]),
        Series(_("Dissatisfied"), SERIES_COLOURS[3]),
    ]
    groups = [(row.label, [row.satisfied, row.normal, row.dissatisfied]) for row in figures.by_agency[:12]]
    return charts.bars(
        title=_("Ratings per lead agency"),
        desc=_("For each lead agency, how many applicants were satisfied, neither, or dissatisfied."),
        series=series,
        groups=groups,
        fmt=number,
    )
