"""Scopes of the index: a receiving point, an agency, a commune, a province or the country (docs/indicators.md,
"Scopes and periods"). A scope selects dossiers by where they were received (point, commune, province) or by the
agency leading them; the queue's tickets by the point that issued them; the petitions and complaints by their
province or their agency (a commune or a point has none of its own); the procedure catalogue by the procedures the
scope can receive or handle."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, Q, QuerySet

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.localities.models import Commune, Province
from motcua.procedures.models import ImplementingLevel

from . import errors
from .procedures_facts import implements

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
    # Over the catalogue's versions: the procedures the scope can receive or handle; None: none of its own.
    procedures: Q | None = None

    @property
    def key(self) -> str:
        return "country" if self.kind == "country" else f"{self.kind}:{self.code}"


def _served(**points) -> QuerySet[Agency]:
    """The active agencies served by the active, real receiving points (not training points) matching ``points``:
    the agencies whose dossiers those points receive."""
    where = {f"receiving_points__{name}": value for name, value in points.items()}
    return Agency.objects.filter(
        is_active=True, receiving_points__is_active=True, receiving_points__is_training=False, **where
    )


def _reach(agencies: QuerySet[Agency]) -> Q:
    """The versions with an implementing level that is the level of one of ``agencies``: the procedures they handle
    (a procedure names levels, not agencies; docs/indicators.md, "The indicators")."""
    reach = Q(pk__in=[])
    for level in ImplementingLevel.values:
        reach |= implements(level) & Q(Exists(agencies.filter(level=level)))
    return reach


def served_levels(unit: str, **points) -> dict[str, frozenset[str]]:
    """Per unit (``unit``: a receiving point's column, e.g. ``commune_id``), the implementing levels of the agencies
    its points serve, as :func:`_reach` reads them for one scope: one grouped query for the units of a ranking."""
    levels: dict[str, set[str]] = defaultdict(set)
    rows = _served(**points).values_list(f"receiving_points__{unit}", "level").distinct()
    for code, level in rows:
        if level in ImplementingLevel.values:
            levels[str(code)].add(level)
    return {code: frozenset(found) for code, found in levels.items()}


def agency_reach(agency: Agency) -> Q | None:
    """The procedures an agency handles: those of its level; a postal unit handles none."""
    return implements(agency.level) if agency.level in ImplementingLevel.values else None


def agency_levels(agencies: Iterable[Agency]) -> dict[str, frozenset[str]]:
    """Per agency code, the implementing level :func:`agency_reach` reads, for the agencies of a ranking."""
    return {a.code: frozenset([a.level]) for a in agencies if a.level in ImplementingLevel.values}


def _point(code: str) -> Scope:
    point = ReceivingPoint.objects.filter(code=code).first()
    if point is None:
        raise errors.indicator_scope_not_found(kind="point", code=code)
    return Scope(
        "point",
        point.code,
        point.name,
        Q(point_code=point.code),
        Q(point__code=point.code),
        procedures=_reach(_served(pk=point.pk)),
    )


def _agency(code: str) -> Scope:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise errors.indicator_scope_not_found(kind="agency", code=code)
    return Scope(
        "agency", agency.code, agency.name, Q(agency_code=agency.code), None, Q(agency=agency), agency_reach(agency)
    )


def _commune(code: str) -> Scope:
    commune = Commune.objects.filter(code=code).first()
    if commune is None:
        raise errors.indicator_scope_not_found(kind="commune", code=code)
    return Scope(
        "commune",
        commune.code,
        commune.name,
        Q(commune_code=commune.code),
        Q(point__commune=commune),
        procedures=_reach(_served(commune=commune)),
    )


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
        _reach(_served(commune__province=province)),
    )


_KINDS = {"point": _point, "agency": _agency, "commune": _commune, "province": _province}


def scope_parse(text: str) -> Scope:
    """``point:CODE``, ``agency:CODE``, ``commune:CODE``, ``province:CODE`` or ``country``."""
    cleaned = (text or "").strip()
    if len(cleaned) > _LONGEST or "\x00" in cleaned:
        raise errors.indicator_scope_invalid(text=cleaned)
    if cleaned.lower() == "country":
        return Scope("country", "", "Việt Nam", Q(), Q(), Q(), Q())
    kind, colon, code = cleaned.partition(":")
    finder = _KINDS.get(kind.strip().lower())
    if not colon or finder is None or not code.strip():
        raise errors.indicator_scope_invalid(text=cleaned)
    return finder(code.strip())
