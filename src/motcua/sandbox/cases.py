"""Cases generated from the published procedures of a field, each with its key (docs/training.md, "The sandbox").

What the real counter checks decides the kinds and their keys (docs/domain.md, "Reception data checks", "Check,
then do"):

* **complete** — every mandatory paper handed: received, the papers handed ticked, the fee lines that apply;
* **missing paper** — one mandatory paper missing: not received, the clerk guides the applicant to supplement with
  slip 02 (45/2016/QĐ-TTg art. 5), the papers handed ticked;
* **identity** — the counter records no expiry date of the ID card, so the identity case is the one it checks: the
  ID number's century and year digits contradict the birth date on the card (the applicant hands someone else's
  card, or a number copied wrong). Not received: slip 03;
* **fees** — the line that applies among alternatives named by the applicant's situation (or, with none, the total
  to charge when the applicant offers another amount): received with those lines and that total;
* **out of scope** — a procedure no commune implements asked at a point receiving for a commune: not received,
  slip 03 ("out of the unit's scope").
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from motcua.core.templatetags.motcua import vnd
from motcua.dossiers.services.applicant import CENTURY_BY_DIGIT
from motcua.procedures.fees import fee_choices, fee_quote
from motcua.procedures.models import Field, ProcedureVersion, VersionStatus

from .models import CaseKind, Outcome
from .points import TRAINING_LEVEL

ORDER = (CaseKind.COMPLETE, CaseKind.MISSING_PAPER, CaseKind.IDENTITY, CaseKind.FEES, CaseKind.OUT_OF_SCOPE)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Đức", "Thu")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phương", "Sơn", "Tâm", "Vy")
STREETS = ("Trần Phú", "Phan Đình Phùng", "Nguyễn Du", "Hà Huy Tập", "Lê Duẩn", "Xô Viết Nghệ Tĩnh")
#: The province of birth registration printed in the generated ID numbers: Hà Tĩnh (042), a code the counter knows.
BIRTH_PROVINCE = "042"


@dataclass
class CaseDraft:
    kind: CaseKind
    version: ProcedureVersion
    applicant: dict[str, Any]
    story: str
    handed: list[int]
    key: dict[str, Any] = field(default_factory=dict)


def _published() -> QuerySet[ProcedureVersion]:
    """The current published versions with at least one mandatory paper."""
    return (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED, procedure__current_version=F("pk"))
        .filter(components__mandatory=True)
        .select_related("procedure")
        .distinct()
        .order_by("pk")
    )


def _in_scope(version: ProcedureVersion) -> bool:
    """A commune implements it (no levels stated: taken as in scope)."""
    return not version.levels or TRAINING_LEVEL in version.levels


def versions_of(field_: Field) -> list[ProcedureVersion]:
    """The field's versions the training point receives."""
    return [v for v in _published().filter(procedure__field=field_) if _in_scope(v)]


def _out_of_scope(field_: Field) -> list[ProcedureVersion]:
    """Versions no commune implements: the field's own, else any field's."""
    outside = [v for v in _published() if not _in_scope(v)]
    own = [v for v in outside if v.procedure.field_id == field_.pk]
    return own or outside


def _id_number(birth: date, rng: random.Random, *, year_shift: int = 0) -> str:
    year = birth.year + year_shift
    century = next(d for d, start in sorted(CENTURY_BY_DIGIT.items()) if start <= year < start + 100)
    return f"{BIRTH_PROVINCE}{century}{year % 100:02d}{rng.randrange(10**6):06d}"


def _applicant(rng: random.Random, *, today: date, wrong_id: bool = False) -> dict[str, Any]:
    birth = date(rng.randrange(1960, min(today.year - 18, 2004)), rng.randrange(1, 13), rng.randrange(1, 29))
    return {
        "name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        "birth_date": birth.isoformat(),
        "id_number": _id_number(birth, rng, year_shift=rng.choice((-7, 5, 11)) if wrong_id else 0),
        "address": f"{rng.randrange(1, 200)} {rng.choice(STREETS)}",
        "phone": f"09{rng.randrange(10**8):08d}",
    }


def _fees_key(version: ProcedureVersion, rng: random.Random) -> tuple[dict[str, Any], list[str]]:
    """The fee lines that apply (an alternative of each group, chosen at random), their total, and the story's
    sentences naming the applicant's situation for each group."""
    choices = fee_choices(version.fees.order_by("order"))
    picked = [rng.choice(group) for group in choices.groups]
    quote = fee_quote(fees=choices.lines, chosen={fee.pk: 1 for fee in picked})
    said = [_("The applicant's situation: %(line)s.") % {"line": fee.description} for fee in picked]
    key = {"fee_lines": sorted(line.fee.pk for line in quote.lines), "fees_total": quote.total}
    return key, said


def _papers(version: ProcedureVersion) -> list[Any]:
    return list(version.components.filter(mandatory=True).order_by("order"))


def _story(applicant: dict[str, Any], version: ProcedureVersion, handed: list[Any], extra: list[str]) -> str:
    birth = date.fromisoformat(applicant["birth_date"]).strftime("%d/%m/%Y")
    lines = [
        _("%(name)s, born %(birth)s, ID card number %(id)s, asks for «%(procedure)s».")
        % {"name": applicant["name"], "birth": birth, "id": applicant["id_number"], "procedure": version.name},
        _("Papers handed: %(papers)s.") % {"papers": "; ".join(p.name for p in handed) or _("none")},
        *extra,
    ]
    return "\n".join(lines)


def _pool(kind: CaseKind, field_: Field) -> list[ProcedureVersion]:
    """The versions a case of ``kind`` can be made from."""
    pool = _out_of_scope(field_) if kind == CaseKind.OUT_OF_SCOPE else versions_of(field_)
    if kind == CaseKind.FEES:
        pool = [v for v in pool if v.fees.exists()]
    return pool


def case_draft(kind: CaseKind, *, field_: Field, rng: random.Random, today: date) -> CaseDraft | None:
    """One case of ``kind``, or None when the catalogue has no procedure it can be made from."""
    pool = _pool(kind, field_)
    if not pool:
        return None
    version = rng.choice(pool)
    papers = _papers(version)
    handed = list(papers)
    applicant = _applicant(rng, today=today, wrong_id=kind == CaseKind.IDENTITY)
    extra: list[str] = []
    fees, said = _fees_key(version, rng)
    key: dict[str, Any] = {"outcome": Outcome.REFUSED.value, "slip": "03", **fees}
    if kind in (CaseKind.COMPLETE, CaseKind.FEES):
        key.update(outcome=Outcome.ACCEPTED.value, slip="")
        extra = said
        if kind == CaseKind.FEES and not said:
            offered = fees["fees_total"] + 10_000 * rng.randrange(1, 6)
            extra = [_("The applicant offers to pay %(amount)s for the fees.") % {"amount": vnd(offered)}]
    elif kind == CaseKind.MISSING_PAPER:
        missing = handed.pop(rng.randrange(len(handed)))
        key.update(slip="02", missing=missing.pk)
        extra = [_("The applicant does not have: %(paper)s.") % {"paper": missing.name}]
    elif kind == CaseKind.IDENTITY:
        extra = [_("The birth date is read from the ID card handed.")]
    key["papers"] = sorted(p.pk for p in handed)
    return CaseDraft(
        kind=kind,
        version=version,
        applicant=applicant,
        story=_story(applicant, version, handed, extra),
        handed=key["papers"],
        key=key,
    )


def case_drafts(*, field_: Field, count: int, rng: random.Random, today: date) -> list[CaseDraft]:
    """``count`` cases, the kinds in turn (a kind the catalogue cannot make is left out)."""
    drafts: list[CaseDraft] = []
    kinds = [kind for kind in ORDER if _pool(kind, field_)]
    for index in range(count):
        if not kinds:
            break
        draft = case_draft(kinds[index % len(kinds)], field_=field_, rng=rng, today=today)
        if draft is not None:
            drafts.append(draft)
    return drafts
