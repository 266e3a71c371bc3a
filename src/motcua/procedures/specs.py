"""Plain data describing a procedure and the content of one version.

Services, the workbook import and the demo catalogue all speak in these frozen dataclasses, so one set of
validators (:mod:`motcua.procedures.validators`) and one comparison ("is this the content already published?")
serve them all. Parts are ordered tuples: their position is their order.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields
from dataclasses import fields as dataclass_fields
from decimal import Decimal
from typing import Any, ClassVar

from .models import OnlineSubmission, ProcedureVersion, TimeLimitUnit

EFORM_MAX_FIELDS = 40


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
class EFormFieldSpec:
    """A field of the version's e-form (tờ khai điện tử): what an online filer types besides the papers.

    ``type`` is one of :data:`motcua.procedures.eform.FIELD_TYPES`; ``options`` (value, label) pairs of a choice;
    ``max_length`` bounds a text, ``min``/``max`` a number. The rules are :func:`validators.check_eform_fields`.
    """

    key: str
    label: str
    type: str = "text"
    required: bool = False
    label_en: str = ""
    help: str = ""
    max_length: int | None = None
    min: int | None = None
    max: int | None = None
    options: tuple[tuple[str, str], ...] = ()


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
        "eform_fields",
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
    eform_fields: tuple[EFormFieldSpec, ...] = field(default=())
    components: tuple[ComponentSpec, ...] = field(default=())
    fees: tuple[FeeSpec, ...] = field(default=())
    steps: tuple[StepSpec, ...] = field(default=())

    def version_values(self) -> dict:
        """The values of a :class:`ProcedureVersion` row, ready for ``ProcedureVersion(**values)``."""
        values = {name: getattr(self, name) for name in self.VERSION_FIELDS}
        values["levels"] = list(self.levels)
        values["eform_fields"] = eform_fields_to_json(self.eform_fields)
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
        eform_fields=eform_fields_from_json(version.eform_fields),
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


def eform_fields_to_json(fields: tuple[EFormFieldSpec, ...]) -> list[dict[str, Any]]:
    """The fields as stored and written in the workbook: one object per field, defaults left out."""
    defaults = EFormFieldSpec(key="", label="")
    stored = []
    for spec in fields:
        values: dict[str, Any] = {}
        for f in dataclass_fields(spec):
            value = getattr(spec, f.name)
            if f.name in ("key", "label", "type") or value != getattr(defaults, f.name):
                values[f.name] = [list(option) for option in value] if f.name == "options" else value
        stored.append(values)
    return stored


def eform_fields_from_json(data: Any) -> tuple[EFormFieldSpec, ...]:
    """Fields from their JSON form (a list of objects); :class:`ApplicationError` for a shape that is not one.

    Only the shape is checked here (a list of objects with known attributes of the right kind); the rules on the
    values are :func:`motcua.procedures.validators.check_eform_fields`."""
    from . import errors  # the errors module imports the validators, which import this module

    if data in (None, ""):
        return ()
    if not isinstance(data, list):
        raise errors.eform_not_a_list()
    if len(data) > EFORM_MAX_FIELDS:
        raise errors.eform_too_many_fields(max=EFORM_MAX_FIELDS)
    known = {f.name: f for f in dataclass_fields(EFormFieldSpec)}
    specs = []
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise errors.eform_field_not_an_object(position=position)
        unknown = sorted(str(name) for name in item if name not in known)
        if unknown:
            raise errors.eform_attribute_unknown(position=position, name=unknown[0], allowed=", ".join(known))
        values: dict[str, Any] = {}
        for name, value in item.items():
            values[name] = _eform_attribute(position, name, value)
        if "key" not in values or "label" not in values:
            raise errors.eform_attribute_missing(position=position, name="key" if "key" not in values else "label")
        specs.append(EFormFieldSpec(**values))
    return tuple(specs)


def _eform_attribute(position: int, name: str, value: Any) -> Any:
    from . import errors

    if name == "required":
        if not isinstance(value, bool):
            raise errors.eform_attribute_wrong_kind(position=position, name=name, kind="true/false")
        return value
    if name in ("max_length", "min", "max"):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise errors.eform_attribute_wrong_kind(position=position, name=name, kind="integer")
        return value
    if name == "options":
        if not isinstance(value, list):
            raise errors.eform_attribute_wrong_kind(position=position, name=name, kind="[[value, label], …]")
        options = []
        for option in value:
            if isinstance(option, str):
                option = [option, option]
            if not (isinstance(option, list | tuple) and len(option) == 2 and all(isinstance(o, str) for o in option)):
                raise errors.eform_attribute_wrong_kind(position=position, name=name, kind="[[value, label], …]")
            options.append((option[0].strip(), unicodedata.normalize("NFC", option[1]).strip()))
        return tuple(options)
    if not isinstance(value, str):
        raise errors.eform_attribute_wrong_kind(position=position, name=name, kind="text")
    return unicodedata.normalize("NFC", value).strip()


def normal_decimal(value: Decimal | int | str) -> Decimal:
    """``Decimal("3.00")`` → ``Decimal("3")``, ``Decimal("0.50")`` → ``Decimal("0.5")``: one spelling per number."""
    value = Decimal(value)
    normal = value.normalize()
    # normalize() writes 100 as 1E+2; quantize back to an integer exponent for whole numbers.
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal
