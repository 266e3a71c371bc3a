"""Which commune of today's map an old commune lies in, as far as the data tells.

No official crosswalk is bundled, so two rules are used, each recorded with its
:class:`~motcua.localities.models.MappingSource`:

``SAME_CODE``
    When communes merged, the new unit took the GSO code of one of them (3,310 of the 3,321 new
    units did). The old commune with that code lies in the new unit, fully or in part.
``SAME_NAME``
    Otherwise, when the successor province has exactly one new unit and exactly one old commune with
    the same name (unit word and tone-mark placement ignored, but not the accents: "Ân Nghĩa" is not
    "An Nghĩa"), they are taken as the same place. Where both rules apply, they agree about 98% of the
    time; the misses are mostly old communes and townships whose name a new unit elsewhere took over.
    A rural commune is not matched to a ward by name: there the rules disagreed about one time in six.

Everything else stays unmapped; an administrator can map it by hand (``MANUAL``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from .datasets import Unit
from .models import DivisionType, MappingSource
from .naming import tone_key

# (old type, new type) pairs a name alone may not link; see the module docstring.
NAME_MATCH_EXCLUDED = {(DivisionType.COMMUNE.value, DivisionType.WARD.value)}


def commune_mapping(*, legacy: Iterable[tuple[Unit, str]], current: Iterable[Unit]) -> dict[str, tuple[str, str]]:
    """Map old commune codes to ``(new commune code, MappingSource value)``.

    ``legacy`` pairs each old commune with the code of its successor province; ``current`` holds
    today's communes, whose ``parent`` is their province code. Old communes left out have no mapping.
    """
    legacy = list(legacy)
    current_by_code = {unit.code: unit for unit in current}
    current_by_name: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for unit in current_by_code.values():
        current_by_name[(unit.parent, tone_key(unit.name))].append(unit)
    legacy_names = Counter((province, tone_key(unit.name)) for unit, province in legacy)

    mapping: dict[str, tuple[str, str]] = {}
    for unit, province in legacy:
        kept = current_by_code.get(unit.code)
        if kept is not None and kept.parent == province:
            mapping[unit.code] = (kept.code, MappingSource.SAME_CODE.value)
            continue
        key = (province, tone_key(unit.name))
        candidates = current_by_name.get(key, [])
        if len(candidates) != 1 or legacy_names[key] != 1:
            continue
        (match,) = candidates
        if (unit.division_type, match.division_type) in NAME_MATCH_EXCLUDED:
            continue
        mapping[unit.code] = (match.code, MappingSource.SAME_NAME.value)
    return mapping
