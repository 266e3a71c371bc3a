"""The figures as one Excel workbook: a sheet per day, per hour, per counter and per clerk, and every ticket.

Headers are in the active language (the page's); times are local and written dd/mm/yyyy HH:MM:SS as the rest
of motcua writes them; minutes are numbers, so a supervisor can sort, sum and chart them. Styled like the
register's workbook (``dossiers.slips.register_xlsx``): bold shaded headers, widths, the header row frozen.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from motcua.agencies.models import ReceivingPoint
from motcua.core.localtime import LOCAL_TIME_ZONE
from motcua.tickets.models import Ticket, TicketDossier

from .compute import Bucket, Figures

DATETIME_FORMAT = "%d/%m/%Y %H:%M:%S"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _verdict(value: bool | None) -> str:
    return "" if value is None else _("met") if value else _("not met")


def bucket_columns() -> list[tuple[str, Callable[[Bucket], Any]]]:
    return [
        (_("Arrivals"), lambda b: b.arrivals),
        (_("Called"), lambda b: b.called),
        (_("Served"), lambda b: b.served),
        (_("Mean wait (min)"), lambda b: _minutes(b.wait_mean)),
        (_("Median wait (min)"), lambda b: _minutes(b.wait_median)),
        (_("p90 wait (min)"), lambda b: _minutes(b.wait_p90)),
        (_("Longest wait (min)"), lambda b: _minutes(b.wait_max)),
        (_("Within the target (%)"), lambda b: _percent(b.within_share)),
        (_("Target"), lambda b: _verdict(b.target_met)),
        (_("Mean service (min)"), lambda b: _minutes(b.service_mean)),
        (_("p90 service (min)"), lambda b: _minutes(b.service_p90)),
        (_("Cancelled"), lambda b: b.cancelled),
        (_("Expired"), lambda b: b.expired),
        (_("Abandonment (%)"), lambda b: _percent(b.abandoned_share)),
        (_("No-shows"), lambda b: b.no_shows),
        (_("Priority (%)"), lambda b: _percent(b.priority_share)),
        (_("Appointments (%)"), lambda b: _percent(b.appointment_share)),
        (_("Ratings"), lambda b: b.rated),
        (_("Satisfied (%)"), lambda b: _percent(b.satisfied_share)),
        (_("Dissatisfied (%)"), lambda b: _percent(b.dissatisfied_share)),
    ]


def figures_tickets(*, points: Sequence[ReceivingPoint], start: date, end: date) -> list[Ticket]:
    """Every ticket of the period with what its row needs, in three queries."""
    return list(
        Ticket.objects.filter(point__in=list(points), day__gte=start, day__lte=end)
        .select_related("point", "service", "counter", "clerk", "rating")
        .prefetch_related(
            Prefetch("dossier_links", queryset=TicketDossier.objects.select_related("dossier").order_by("at"))
        )
        .order_by("point__code", "day", "sequence")
    )


def _local(moment: datetime | None) -> str | None:
    return moment.astimezone(LOCAL_TIME_ZONE).strftime(DATETIME_FORMAT) if moment else None


def _ticket_row(ticket: Ticket, *, clerk_visible: Callable[[int | None], bool]) -> list[Any]:
    wait, service = ticket.wait_seconds, ticket.service_seconds
    rating = getattr(ticket, "rating", None)
    counter = ticket.counter
    return [
        ticket.point.code,
        ticket.label,
        ticket.service.name,
        ticket.get_channel_display(),
        ticket.get_priority_display() if ticket.priority else "",
        _local(ticket.issued_at),
        _local(ticket.called_at),
        _local(ticket.finished_at),
        None if wait is None else round(wait / 60, 1),
        None if service is None else round(service / 60, 1),
        (counter.name or str(counter.number)) if counter else "",
        str(ticket.clerk) if ticket.clerk and clerk_visible(ticket.clerk_id) else "",
        ticket.get_status_display(),
        ", ".join(dict.fromkeys(link.dossier.code for link in ticket.dossier_links.all())),
        rating.get_score_display() if rating else "",
    ]


def figures_xlsx(*, figures: Figures, tickets: Sequence[Ticket], clerk_visible: Callable[[int | None], bool]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    thin = Side(style="thin", color="B4C0CD")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)

    def sheet(title: str, headers: list[str], rows: list[list[Any]], widths: dict[int, int] | None = None) -> None:
        page = workbook.create_sheet(title=title[:31])
        for index, header in enumerate(headers, start=1):
            cell = page.cell(row=1, column=index, value=header)
            cell.font, cell.fill, cell.border = bold, fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            width = (widths or {}).get(index, max(10, min(40, len(header) + 2)))
            page.column_dimensions[get_column_letter(index)].width = width
        for row in rows:
            page.append(row)
        page.freeze_panes = "A2"

    columns = bucket_columns()
    headers = [header for header, _get in columns]
    groups = (
        (_("Per day"), _("Day"), figures.by_day),
        (_("Per hour"), _("Hour"), figures.by_hour),
        (_("Per counter"), _("Counter"), figures.by_counter),
        (_("Per clerk"), _("Clerk"), [row for row in figures.by_clerk if clerk_visible(row.key)]),
    )
    for title, first_header, buckets in groups:
        rows = [[bucket.label, *(get(bucket) for _header, get in columns)] for bucket in buckets]
        sheet(title, [first_header, *headers], rows, {1: 26})
    ticket_headers = [
        _("Centre"), _("Number"), _("Service"), _("Taken at"), _("Priority"), _("Issued"), _("Called"),
        _("Finished"), _("Wait (min)"), _("Service (min)"), _("Counter"), _("Clerk"), _("Status"),
        _("Dossiers"), _("Rating"),
    ]  # fmt: skip
    rows = [_ticket_row(ticket, clerk_visible=clerk_visible) for ticket in tickets]
    sheet(_("Tickets"), ticket_headers, rows, {3: 30, 6: 20, 7: 20, 8: 20, 12: 24, 14: 30})
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
