"""Scopes of the index: a receiving point, an agency, a commune, a province or the country (docs/indicators.md,
"Scopes and periods"). A scope selects dossiers by where they were received (point, commune, province) or by the
agency leading them; the queue's tickets by the point that issued them; the petitions and complaints by their
province or their agency (a commune or a point has none of its own)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.localities.models import Commune, Province

from . import errors

_LONGEST = 60


@dataclass(frozen=True)
class Scope:
    kind: str  # point, agency, commune, province, country
    code: str
    name: str
    dossiers: Q  # over the dossiers' facts
    tickets: Q | None  # over the queue's tickets; None: the scope has no queue of its own (an agency)
    # Over the petitions; None for a commune or a point: petitions are handled by the dossier's lead agency or the
    # province's one-stop unit, never by a commune or a point as such (docs/feedback.md, "Who handles").
    feedback: Q | None = None

    @property
    def key(self) -> str:
        return "country" if self.kind == "country" else f"{self.kind}:{self.code}"


def _point(code: str) -> Scope:
    point = ReceivingPoint.objects.filter(code=code).first()
    if point is None:
        raise errors.indicator_scope_not_found(kind="point", code=code)
    return Scope("point", point.code, point.name, Q(point_code=point.code), Q(point__code=point.code))


def _agency(code: str) -> Scope:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise errors.indicator_scope_not_found(kind="agency", code=code)
    return Scope("agency", agency.code, agency.name, Q(agency_code=agency.code), None, Q(agency=agency))


def _commune(code: str) -> Scope:
    commune = Commune.objects.filter(code=code).first()
    if commune is None:
        raise errors.indicator_scope_not_found(kind="commune", code=code)
    return Scope("commune", commune.code, commune.name, Q(commune_code=commune.code), Q(point__commune=commune))


def _province(code: str) -> Scope:
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise errors.indicator_scope_not_found(kind="province", code=code)
    return Scope(
        "province",
        province.code,
        province.name,
        Q(province_code=province.code),
        Q(point__commune__province=province),
        Q(province=province),
    )


_KINDS = {"point": _point, "agency": _agency, "commune": _commune, "province": _province}


def scope_parse(text: str) -> Scope:
    """``point:CODE``, ``agency:CODE``, ``commune:CODE``, ``province:CODE`` or ``country``."""
    cleaned = (text or "").strip()
    if len(cleaned) > _LONGEST or "\x00" in cleaned:
        raise errors.indicator_scope_invalid(text=cleaned)
    if cleaned.lower() == "country":
        return Scope("country", "", "Việt Nam", Q(), Q(), Q())
    kind, colon, code = cleaned.partition(":")
    finder = _KINDS.get(kind.strip().lower())
    if not colon or finder is None or not code.strip():
        raise errors.indicator_scope_invalid(text=cleaned)
    return finder(code.strip())
