"""Plain data describing a procedure and the content of one version.

Services, the workbook import and the demo catalogue all speak in these frozen dataclasses, so one set of
validators (:mod:`motcua.procedures.validators`) and one comparison ("is this the content already published?")
serve them all. Parts are ordered tuples: their position is their order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import ClassVar

from .models import OnlineSubmission, ProcedureVersion, TimeLimitUnit


@dataclass(frozen=True)
class ComponentSpec:
    """A document of the dossier (thành phần hồ sơ)."""

    name: str
    form: str = "original"
    quantity: int = 1
    mandatory: bool = True
    condition: str = ""
    form_template: str = ""


@dataclass(frozen=True)
class FeeSpec:
    """A fee (phí) or charge (lệ phí) in whole VND.

    ``group``: lines with the same number are alternatives, exactly one applies (chosen at reception);
    ``optional``: charged only when asked for; ``per_unit``: the amount is per unit asked (e.g. copy).
    """

    kind: str
    description: str
    amount: int
    exemptions: str = ""
    group: int | None = None
    optional: bool = False
    per_unit: str = ""


@dataclass(frozen=True)
class StepSpec:
    """A step of the internal process; ``duration`` is in the procedure's time-limit unit."""

    name: str
    role: str
    unit: str
    duration: Decimal
    at_other_agency: bool = False
    parallel_group: int | None = None


@dataclass(frozen=True)
class ProcedureSpec:
    """A procedure (code and field) with the content of one version."""

    VERSION_FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "levels",
        "competent_authority",
        "time_limit",
        "time_limit_unit",
        "same_day_cutoff",
        "result_kind",
        "online_submission",
        "postal_pickup",
        "postal_return",
        "legal_basis",
        "applicant_requirements",
        "note",
    )

    national_code: str
    field_code: str
    name: str
    levels: tuple[str, ...]
    competent_authority: str
    time_limit: Decimal
    time_limit_unit: str = TimeLimitUnit.WORKING_DAYS.value
    same_day_cutoff: bool = False
    result_kind: str = ""
    online_submission: str = OnlineSubmission.NONE.value
    postal_pickup: bool = True
    postal_return: bool = True
    legal_basis: str = ""
    applicant_requirements: str = ""
    note: str = ""
    components: tuple[ComponentSpec, ...] = field(default=())
    fees: tuple[FeeSpec, ...] = field(default=())
    steps: tuple[StepSpec, ...] = field(default=())

    def version_values(self) -> dict:
        """The values of a :class:`ProcedureVersion` row, ready for ``ProcedureVersion(**values)``."""
        values = {name: getattr(self, name) for name in self.VERSION_FIELDS}
        values["levels"] = list(self.levels)
        return values

    def same_content(self, other: ProcedureSpec) -> bool:
        """Whether ``other`` describes the same version content (code and field aside)."""
        return all(getattr(self, name) == getattr(other, name) for name in self.VERSION_FIELDS) and (
            self.components,
            self.fees,
            self.steps,
        ) == (other.components, other.fees, other.steps)


def part_values(part: ComponentSpec | FeeSpec | StepSpec) -> dict:
    return {f.name: getattr(part, f.name) for f in fields(part)}


def spec_from_version(version: ProcedureVersion) -> ProcedureSpec:
    """The spec of a stored version. Parts are read in order; prefetch them when reading many versions."""
    procedure = version.procedure
    return ProcedureSpec(
        national_code=procedure.national_code,
        field_code=procedure.field.code,
        name=version.name,
        levels=tuple(version.levels or ()),
        competent_authority=version.competent_authority,
        time_limit=normal_decimal(version.time_limit),
        time_limit_unit=str(version.time_limit_unit),
        same_day_cutoff=version.same_day_cutoff,
        result_kind=version.result_kind,
        online_submission=str(version.online_submission),
        postal_pickup=version.postal_pickup,
        postal_return=version.postal_return,
        legal_basis=version.legal_basis,
        applicant_requirements=version.applicant_requirements,
        note=version.note,
        components=tuple(
            ComponentSpec(
                name=c.name,
                form=str(c.form),
                quantity=c.quantity,
                mandatory=c.mandatory,
                condition=c.condition,
                form_template=c.form_template,
            )
            for c in sorted(version.components.all(), key=lambda c: c.order)
        ),
        fees=tuple(
            FeeSpec(
                kind=str(f.kind),
                description=f.description,
                amount=f.amount,
                exemptions=f.exemptions,
                group=f.group,
                optional=f.optional,
                per_unit=f.per_unit,
            )
            for f in sorted(version.fees.all(), key=lambda f: f.order)
        ),
        steps=tuple(
            StepSpec(
                name=s.name,
                role=s.role,
                unit=s.unit,
                duration=normal_decimal(s.duration),
                at_other_agency=s.at_other_agency,
                parallel_group=s.parallel_group,
            )
            for s in sorted(version.steps.all(), key=lambda s: s.order)
        ),
    )


def normal_decimal(value: Decimal | int | str) -> Decimal:
    """``Decimal("3.00")`` → ``Decimal("3")``, ``Decimal("0.50")`` → ``Decimal("0.5")``: one spelling per number."""
    value = Decimal(value)
    normal = value.normalize()
    # normalize() writes 100 as 1E+2; quantize back to an integer exponent for whole numbers.
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal
