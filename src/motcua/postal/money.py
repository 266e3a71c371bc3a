"""Money the post handles for the one-stop: what postmen collect, the fees clerks take at the counter, what
is remitted to agencies, and the daily reconciliation of them.

Fees taken at the counter are recorded by the reception itself: the dossier keeps who received it, where,
when, for which agency and what was paid (``fees_paid``, the lines in ``DossierFee``), so the reconciliation
reads them from there rather than from a second record that could disagree (docs/domain.md, "Fees and
postage"). A dossier a postman collected at home is counted once, as the postman's collection.

Postage belongs to the post office; administrative fees are collected for an agency and remitted to it
(docs/domain.md, "Fees and postage": fees and postage are separate and must reconcile). Services write,
the reconciliation only reads. A "day" is the local day in Asia/Ho_Chi_Minh, whatever the server's time zone.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.core.localtime import local_day_bounds
from motcua.dossiers.lifecycle import Channel
from motcua.dossiers.models import Dossier

from . import errors
from .models import Collection, CollectionKind, OrderKind, PostalOrder, Remittance

# --- services ----------------------------------------------------------------------------------------


@transaction.atomic
def collection_record(
    *,
    order: PostalOrder,
    kind: CollectionKind | str,
    amount: int,
    postman: Any,
    agency: Agency | None = None,
    at: datetime | None = None,
) -> Collection:
    """Record money a postman took for an order. Idempotent per (order, kind): the same call again returns
    the row already recorded; another amount (or another agency for fees) is a conflict."""
    kind = CollectionKind(kind)
    if amount <= 0:
        raise errors.amount_not_positive(amount=amount)
    if kind == CollectionKind.FEES and agency is None:
        raise errors.fees_need_agency()
    if kind == CollectionKind.POSTAGE and agency is not None:
        raise errors.postage_has_agency()
    collection, created = Collection.objects.get_or_create(
        order=order,
        kind=kind,
        defaults={
            "amount": amount,
            "postman": postman,
            "agency": agency,
            "collected_at": at or timezone.now(),
        },
    )
    if not created and (collection.amount != amount or collection.agency_id != (agency.pk if agency else None)):
        raise errors.collection_conflict(order=str(order), kind=kind.label, recorded=collection.amount, amount=amount)
    return collection


@transaction.atomic
def remittance_record(
    *, point: ReceivingPoint, agency: Agency, day: date, amount: int, reference: str, actor: Any
) -> Remittance:
    """Record fees the post office passed to ``agency`` for the fees collected on ``day``. Several
    remittances for one day add up; the same reference again returns the row already recorded."""
    if amount <= 0:
        raise errors.amount_not_positive(amount=amount)
    reference = reference.strip()
    if reference:
        known = (
            Remittance.objects.select_for_update()
            .filter(receiving_point=point, agency=agency, day=day, reference=reference)
            .first()
        )
        if known is not None:
            if known.amount != amount:
                raise errors.remittance_conflict(reference=reference, recorded=known.amount, amount=amount)
            return known
    return Remittance.objects.create(
        receiving_point=point, agency=agency, day=day, amount=amount, reference=reference, created_by=actor
    )


# --- the reconciliation (a selector) -----------------------------------------------------------------


class Flag(StrEnum):
    SHORT = "short"  # less remitted than collected
    OVER = "over"  # more remitted than collected
    UNREMITTED = "unremitted"  # fees collected and nothing remitted at all


FLAG_LABELS = {
    Flag.SHORT: _("remitted short"),
    Flag.OVER: _("remitted over"),
    Flag.UNREMITTED: _("not remitted"),
}


@dataclass(frozen=True)
class PostmanLine:
    postman_id: int
    name: str
    postage: int
    fees: int
    collections: int

    @property
    def total(self) -> int:
        return self.postage + self.fees


@dataclass(frozen=True)
class ClerkLine:
    """Fees one clerk took at the counter of the point on the day, over the dossiers they received."""

    clerk_id: int
    name: str
    fees: int
    dossiers: int


@dataclass(frozen=True)
class AgencyLine:
    agency_id: int
    code: str
    name: str
    collected: int
    remitted: int
    remittances: int
    references: tuple[str, ...]
    at_counter: int = 0  # the part of ``collected`` taken at the counter; the rest by postmen

    @property
    def difference(self) -> int:
        """Remitted − collected: negative when the agency is owed money."""
        return self.remitted - self.collected

    @property
    def flags(self) -> tuple[Flag, ...]:
        flags = []
        if self.remitted < self.collected:
            flags.append(Flag.SHORT)
        if self.remitted > self.collected:
            flags.append(Flag.OVER)
        if self.remittances == 0 and self.collected > 0:
            flags.append(Flag.UNREMITTED)
        return tuple(flags)


@dataclass(frozen=True)
class Reconciliation:
    day: date
    point_id: int
    point_code: str
    point_name: str
    postmen: tuple[PostmanLine, ...]
    agencies: tuple[AgencyLine, ...]
    counter: tuple[ClerkLine, ...] = ()

    @property
    def postage(self) -> int:
        return sum(line.postage for line in self.postmen)

    @property
    def postmen_fees(self) -> int:
        return sum(line.fees for line in self.postmen)

    @property
    def counter_fees(self) -> int:
        return sum(line.fees for line in self.counter)

    @property
    def fees(self) -> int:
        """Fees collected by postmen and at the counter (equal to the agencies' by construction)."""
        return self.postmen_fees + self.counter_fees

    @property
    def collected(self) -> int:
        return self.postage + self.fees

    @property
    def remitted(self) -> int:
        return sum(line.remitted for line in self.agencies)

    @property
    def difference(self) -> int:
        return self.remitted - self.fees

    @property
    def flagged(self) -> tuple[AgencyLine, ...]:
        return tuple(line for line in self.agencies if line.flags)


def reconciliation_for_day(*, day: date, point: ReceivingPoint) -> Reconciliation:
    """What each postman of ``point`` collected on ``day``, and the fees collected for each agency against
    what was remitted to it for that day."""
    start, end = local_day_bounds(day)
    collections = Collection.objects.filter(
        order__receiving_point=point, collected_at__gte=start, collected_at__lt=end
    ).values_list("postman_id", "kind", "agency_id", "amount")
    by_postman: dict[int, dict[str, int]] = defaultdict(lambda: {"postage": 0, "fees": 0, "collections": 0})
    collected: dict[int, int] = defaultdict(int)
    for postman_id, kind, agency_id, amount in collections:
        line = by_postman[postman_id]
        line["collections"] += 1
        if kind == CollectionKind.FEES:
            line["fees"] += amount
            collected[agency_id] += amount
        else:
            line["postage"] += amount

    at_counter: dict[int, int] = defaultdict(int)
    by_clerk: dict[int, dict[str, int]] = defaultdict(lambda: {"fees": 0, "dossiers": 0})
    for clerk_id, agency_id, amount in _counter_fees(point=point, start=start, end=end):
        by_clerk[clerk_id]["fees"] += amount
        by_clerk[clerk_id]["dossiers"] += 1
        collected[agency_id] += amount
        at_counter[agency_id] += amount

    remitted: dict[int, int] = defaultdict(int)
    remittances: dict[int, list[str]] = defaultdict(list)
    for agency_id, amount, reference in Remittance.objects.filter(receiving_point=point, day=day).values_list(
        "agency_id", "amount", "reference"
    ):
        remitted[agency_id] += amount
        remittances[agency_id].append(reference)

    users = get_user_model().objects.in_bulk(list(by_postman.keys() | by_clerk.keys()))
    counter = sorted(
        (ClerkLine(clerk_id=pk, name=str(users[pk]), **sums) for pk, sums in by_clerk.items()),
        key=lambda line: (line.name, line.clerk_id),
    )
    postmen = sorted(
        (PostmanLine(postman_id=pk, name=str(users[pk]), **sums) for pk, sums in by_postman.items()),
        key=lambda line: (line.name, line.postman_id),
    )
    agencies = Agency.objects.in_bulk(list(collected.keys() | remitted.keys()))
    lines = sorted(
        (
            AgencyLine(
                agency_id=pk,
                code=agency.code,
                name=agency.name,
                collected=collected.get(pk, 0),
                remitted=remitted.get(pk, 0),
                remittances=len(remittances.get(pk, ())),
                references=tuple(ref for ref in remittances.get(pk, ()) if ref),
                at_counter=at_counter.get(pk, 0),
            )
            for pk, agency in agencies.items()
        ),
        key=lambda line: (line.code, line.agency_id),
    )
    return Reconciliation(
        day=day,
        point_id=point.pk,
        point_code=point.code,
        point_name=point.name,
        postmen=tuple(postmen),
        agencies=tuple(lines),
        counter=tuple(counter),
    )


def _counter_fees(*, point: ReceivingPoint, start: datetime, end: datetime) -> list[tuple[int, int, int]]:
    """(clerk, agency, fees paid) of each dossier received at ``point`` in [start, end) with fees paid there:
    not filed online, and not collected at home by a postman (whose collection already counts them)."""
    return list(
        Dossier.objects.real()
        .filter(receiving_point=point, received_at__gte=start, received_at__lt=end, fees_paid__gt=0)
        .exclude(channel=Channel.ONLINE)
        .exclude(postal_orders__kind=OrderKind.PICKUP)
        .values_list("received_by_id", "lead_agency_id", "fees_paid")
    )


# --- Excel -------------------------------------------------------------------------------------------

VND = "#,##0"
HEADER_ROW = 3  # below the title and the point
HEADER_FILL = "DDEBF7"
FLAG_FILL = "FCE4D6"


def reconciliation_xlsx(rec: Reconciliation) -> bytes:
    """The reconciliation as .xlsx bytes: one sheet by postman, one by agency, one for the fees
    taken at the counter by each clerk; flagged rows highlighted.
    Labels in the active language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    bold, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    flag_fill = PatternFill("solid", fgColor=FLAG_FILL)
    thin = Side(style="thin", color="B4C0CD")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    title = gettext("Reconciliation of collections, %(day)s") % {"day": rec.day.strftime("%d/%m/%Y")}

    def sheet_of(
        sheet: Any,
        name: str,
        columns: list[tuple[str, int, bool]],  # header, width, money
        rows: list[tuple[list[Any], bool]],  # values, flagged
        totals: list[Any],
    ) -> None:
        sheet.title = name
        last = get_column_letter(len(columns))
        cell = sheet.cell(row=1, column=1, value=title)
        cell.font, cell.alignment = Font(bold=True, size=14), Alignment(horizontal="center")
        sheet.merge_cells(f"A1:{last}1")
        sheet.cell(row=2, column=1, value=f"{rec.point_code} – {rec.point_name}").alignment = Alignment(
            horizontal="center"
        )
        sheet.merge_cells(f"A2:{last}2")
        for index, (header, width, _money) in enumerate(columns, start=1):
            cell = sheet.cell(row=HEADER_ROW, column=index, value=header)
            cell.font, cell.fill, cell.border = bold, header_fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            sheet.column_dimensions[get_column_letter(index)].width = width
        body = [*rows, (totals, False)]
        for row_index, (values, flagged) in enumerate(body, start=HEADER_ROW + 1):
            for index, value in enumerate(values, start=1):
                cell = sheet.cell(row=row_index, column=index, value=value)
                cell.border = border
                if columns[index - 1][2]:
                    cell.number_format = VND
                if flagged:
                    cell.fill = flag_fill
                if row_index == HEADER_ROW + len(body):
                    cell.font = bold
        sheet.freeze_panes = f"A{HEADER_ROW + 1}"
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    workbook = Workbook()
    by_postman = workbook.active
    assert by_postman is not None
    sheet_of(
        by_postman,
        gettext("By postman"),
        [
            (gettext("Postman"), 32, False),
            (gettext("Collections"), 12, False),
            (gettext("Postage (VND)"), 16, True),
            (gettext("Fees (VND)"), 16, True),
            (gettext("Total (VND)"), 16, True),
        ],
        [([line.name, line.collections, line.postage, line.fees, line.total], False) for line in rec.postmen],
        [gettext("Total"), sum(line.collections for line in rec.postmen), rec.postage, rec.fees, rec.collected],
    )
    sheet_of(
        workbook.create_sheet(),
        gettext("By agency"),
        [
            (gettext("Agency code"), 14, False),
            (gettext("Agency"), 40, False),
            (gettext("Fees collected (VND)"), 18, True),
            (gettext("Of which at the counter (VND)"), 18, True),
            (gettext("Remitted (VND)"), 18, True),
            (gettext("Difference (VND)"), 18, True),
            (gettext("Transfer references"), 26, False),
            (gettext("Flags"), 24, False),
        ],
        [
            (
                [
                    line.code,
                    line.name,
                    line.collected,
                    line.at_counter,
                    line.remitted,
                    line.difference,
                    ", ".join(line.references) or None,
                    ", ".join(str(FLAG_LABELS[flag]) for flag in line.flags) or None,
                ],
                bool(line.flags),
            )
            for line in rec.agencies
        ],
        [None, gettext("Total"), rec.fees, rec.counter_fees, rec.remitted, rec.difference, None, None],
    )
    sheet_of(
        workbook.create_sheet(),
        gettext("At the counter"),
        [(gettext("Clerk"), 32, False), (gettext("Dossiers"), 12, False), (gettext("Fees (VND)"), 16, True)],
        [([line.name, line.dossiers, line.fees], False) for line in rec.counter],
        [gettext("Total"), sum(line.dossiers for line in rec.counter), rec.counter_fees],
    )
    workbook.properties.title = title
    workbook.properties.creator = "motcua"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
