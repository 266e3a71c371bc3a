"""Short constructors for the demo catalogue, so each procedure reads like its public description."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..specs import ComponentSpec, FeeSpec, ProcedureSpec, StepSpec

WD, CD, WH = "working_days", "calendar_days", "working_hours"
COMMUNE, PROVINCE = ("commune",), ("province",)
PROVINCE_COMMUNE = ("province", "commune")

# Forms of a component.
ORIGINAL, COPY, CERTIFIED, ORIGINAL_OR_COPY, SHOWN, ELECTRONIC = (
    "original",
    "copy",
    "certified_copy",
    "original_or_copy",
    "shown",
    "electronic",
)

# Who does a step: role codes of motcua.agencies.models.Role, and the usual units.
CLERK, SPECIALIST, LEADER, SUPERVISOR = "postal_clerk", "agency_specialist", "agency_leader", "one_stop_supervisor"
POST_DESK = "Bộ phận Một cửa – nhân viên Bưu điện"
ONE_STOP = "Bộ phận Một cửa – công chức giám sát"
COMMUNE_LEADER = "Chủ tịch hoặc Phó Chủ tịch UBND xã"

# Applicants who pay no civil-status charge (Luật Hộ tịch 2014, Điều 11), reused by several procedures.
CIVIL_STATUS_EXEMPTION = (
    "Miễn lệ phí đối với người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật."
)


def doc(name: str, form: str = ORIGINAL, qty: int = 1, *, when: str = "", template: str = "") -> ComponentSpec:
    """A component; ``when`` makes it conditional and says when it is required."""
    return ComponentSpec(name=name, form=form, quantity=qty, mandatory=not when, condition=when, form_template=template)


def charge(description: str, amount: int, exemptions: str = "", *, group: int | None = None, per: str = "") -> FeeSpec:
    """A lệ phí: a state charge for the administrative act; ``group`` makes it one of alternatives."""
    return FeeSpec(
        kind="charge", description=description, amount=amount, exemptions=exemptions, group=group, per_unit=per
    )


def fee(description: str, amount: int, exemptions: str = "", *, group: int | None = None, per: str = "") -> FeeSpec:
    """A phí: a fee for a service (appraisal, copies, searches); ``per`` charges it per unit asked."""
    return FeeSpec(kind="fee", description=description, amount=amount, exemptions=exemptions, group=group, per_unit=per)


def if_asked(line: FeeSpec) -> FeeSpec:
    """The line charged only when the applicant asks for it (copies, extracts): never by default."""
    return replace(line, optional=True)


def step(
    name: str, role: str, unit: str, duration: str | int, *, other: bool = False, group: int | None = None
) -> StepSpec:
    """A process step; ``duration`` in the procedure's unit, ``other`` at another agency, ``group`` parallel."""
    return StepSpec(
        name=name, role=role, unit=unit, duration=Decimal(str(duration)), at_other_agency=other, parallel_group=group
    )


def receive(duration: str | int = "0.5") -> StepSpec:
    return step("Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý", CLERK, POST_DESK, duration)


def deliver(duration: str | int = "0.5") -> StepSpec:
    return step("Vào sổ, trả kết quả tại quầy hoặc qua dịch vụ bưu chính công ích", CLERK, POST_DESK, duration)


def same_day_flow(specialist_unit: str, leader_unit: str = COMMUNE_LEADER) -> tuple[StepSpec, ...]:
    """The four quarters of a same-day procedure."""
    return (
        receive("0.25"),
        step("Kiểm tra, ghi sổ và dự thảo kết quả", SPECIALIST, specialist_unit, "0.25"),
        step("Ký kết quả", LEADER, leader_unit, "0.25"),
        deliver("0.25"),
    )


def flow(process: str | int, specialist_unit: str, leader_unit: str, sign: str | int = "0.5") -> tuple[StepSpec, ...]:
    """Receive ½ day, process, sign, return ½ day: the usual single-agency process."""
    return (
        receive(),
        step("Thẩm định hồ sơ, dự thảo kết quả", SPECIALIST, specialist_unit, process),
        step("Xem xét, ký duyệt kết quả", LEADER, leader_unit, sign),
        deliver(),
    )


def procedure(
    code: str,
    field: str,
    name: str,
    *,
    levels: tuple[str, ...],
    authority: str,
    limit: str | int,
    unit: str = WD,
    same_day: bool = False,
    result: str,
    online: str = "none",
    pickup: bool = True,
    ret: bool = True,
    legal: str,
    requirements: str = "",
    note: str = "",
    docs: tuple[ComponentSpec, ...],
    fees: tuple[FeeSpec, ...] = (),
    steps: tuple[StepSpec, ...],
) -> ProcedureSpec:
    return ProcedureSpec(
        national_code=code,
        field_code=field,
        name=name,
        levels=levels,
        competent_authority=authority,
        time_limit=Decimal(str(limit)),
        time_limit_unit=unit,
        same_day_cutoff=same_day,
        result_kind=result,
        online_submission=online,
        postal_pickup=pickup,
        postal_return=ret,
        legal_basis=legal,
        applicant_requirements=requirements,
        note=note,
        components=docs,
        fees=fees,
        steps=steps,
    )
