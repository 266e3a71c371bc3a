"""Which fee lines of a procedure apply to one dossier, and what they come to.

A procedure's lines are never summed blindly (docs/domain.md, "Fees and postage"):

- a line that stands alone (no group, not optional) always applies;
- lines sharing a ``group`` are alternatives: exactly one applies, the one chosen at reception;
- an ``optional`` line applies only when the applicant asks for it (extra copies): never by default;
- a line with ``per_unit`` is charged per unit asked (8.000 ₫ × 2 copies); any other line once;
- an applicant marked exempt, with a reason, pays nothing for the lines that state an exemption.

``fee_quote`` is the one place that turns a choice into amounts: the counter, the pickup booking, the API
and the reception service all call it, so what is quoted is what is charged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import errors
from .models import Fee

# Units one applicant may ask for in one dossier (copies, extracts): a typing slip beyond this.
MAX_UNITS = 99


@dataclass(frozen=True)
class FeeChoices:
    """A version's lines, as the person at reception chooses among them."""

    fixed: tuple[Fee, ...]
    groups: tuple[tuple[Fee, ...], ...]
    optional: tuple[Fee, ...]

    @property
    def exemptible(self) -> bool:
        return any(fee.exemptions.strip() for fee in self.lines)

    @property
    def lines(self) -> tuple[Fee, ...]:
        return (*self.fixed, *(fee for group in self.groups for fee in group), *self.optional)

    def possible_totals(self) -> list[int]:
        """What the lines that must be paid can come to, one total per combination of alternatives (at most a
        few; with several groups only the cheapest and the dearest), without optional lines or units."""
        base = sum(fee.amount for fee in self.fixed)
        totals = {base}
        for group in self.groups:
            totals = {total + fee.amount for total in totals for fee in group}
            if len(totals) > 4:
                totals = {min(totals), max(totals)}
        return sorted(totals)


def fee_choices(fees: Iterable[Fee]) -> FeeChoices:
    """Split lines (in order) into those that always apply, groups of alternatives, and optional ones. A
    "group" of one line (which the catalogue refuses, but an old row may hold) simply applies."""
    fixed: list[Fee] = []
    optional: list[Fee] = []
    groups: dict[int, list[Fee]] = {}
    for fee in sorted(fees, key=lambda f: f.order or 0):
        if fee.group is not None:
            groups.setdefault(fee.group, []).append(fee)
        elif fee.optional:
            optional.append(fee)
        else:
            fixed.append(fee)
    alternatives = tuple(tuple(lines) for lines in groups.values() if len(lines) > 1)
    fixed += [lines[0] for lines in groups.values() if len(lines) == 1]
    return FeeChoices(
        fixed=tuple(sorted(fixed, key=lambda f: f.order or 0)), groups=alternatives, optional=tuple(optional)
    )


@dataclass(frozen=True)
class ChargedFee:
    """A line that applies to a dossier: how many units, and whether the applicant is exempt from it."""

    fee: Fee
    quantity: int = 1
    exempt: bool = False

    @property
    def amount(self) -> int:
        return 0 if self.exempt else self.fee.amount * self.quantity


@dataclass(frozen=True)
class FeeQuote:
    lines: tuple[ChargedFee, ...]
    exemption: str = ""

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def _names(lines: Iterable[Fee]) -> str:
    return "; ".join(f"{fee.description} ({fee.amount:,})".replace(",", ".") for fee in lines)


def _check_quantity(fee: Fee, quantity: int) -> None:
    if not 1 <= quantity <= MAX_UNITS:
        raise errors.fee_quantity_invalid(line=fee.description, max=MAX_UNITS)
    if quantity > 1 and not fee.per_unit:
        raise errors.fee_quantity_not_per_unit(line=fee.description, count=quantity)


def fee_quote(*, fees: Iterable[Fee], chosen: Mapping[int, int] | None = None, exemption: str = "") -> FeeQuote:
    """The lines that apply and their amounts.

    ``chosen`` maps a line's id to the units asked: the alternative that applies in each group, the optional
    lines asked for, and the units of a per-unit line (a line that always applies counts once when not named).
    A quantity of 0 means "not asked". ``exemption``: the reason the applicant is exempt, when they are.
    """
    choices = fee_choices(fees)
    by_id = {fee.pk: fee for fee in choices.lines}
    asked = {fee_id: quantity for fee_id, quantity in (chosen or {}).items() if quantity != 0}
    for fee_id, quantity in asked.items():
        if fee_id not in by_id:
            raise errors.fee_line_unknown(id=fee_id)
        _check_quantity(by_id[fee_id], quantity)

    lines = [ChargedFee(fee, asked.get(fee.pk, 1)) for fee in choices.fixed]
    for group in choices.groups:
        picked = [fee for fee in group if fee.pk in asked]
        if not picked:
            raise errors.fee_alternative_missing(lines=_names(group))
        if len(picked) > 1:
            raise errors.fee_alternatives_several(lines=_names(picked))
        lines.append(ChargedFee(picked[0], asked[picked[0].pk]))
    lines += [ChargedFee(fee, asked[fee.pk]) for fee in choices.optional if fee.pk in asked]
    lines.sort(key=lambda line: line.fee.order)

    exemption = exemption.strip()
    if exemption:
        if not any(line.fee.exemptions.strip() for line in lines):
            raise errors.fee_exemption_not_provided()
        lines = [ChargedFee(line.fee, line.quantity, exempt=bool(line.fee.exemptions.strip())) for line in lines]
    return FeeQuote(lines=tuple(lines), exemption=exemption)
