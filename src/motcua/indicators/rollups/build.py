"""Rebuilding the rollups from the dossiers, and checking them against the direct count.

The rebuild streams the dossiers in id order, a chunk per transaction, and records after each chunk the last id
done (:class:`..models.RollupBuild`): memory is bounded by the chunk, and a rebuild cut short resumes where it
stopped. Clerks may work meanwhile: a dossier they change is folded against its snapshot like any other time,
and the rebuild then folds it again against the snapshot the clerk's fold left — either order ends exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date, local_day_bounds
from motcua.dossiers.models import Dossier

from ..facts import FACT_FILTERS
from ..models import DossierFactSnapshot, DossierRollup, RollupBuild, RollupMark
from ..periods import Period, period_parse
from .fold import rollups_fold, rollups_lock
from .read import rollup_counts

Progress = Callable[[int, int], None]


@transaction.atomic
def _build_start(from_day: date | None) -> RollupBuild:
    """The unfinished build of the same ``from_day`` to resume, or a new one (dropping what it will recount)."""
    rollups_lock(exclusive=True)  # the folds in flight finish first; later ones see the rows dropped
    latest = RollupBuild.objects.select_for_update().order_by("-pk").first()
    if latest is not None and latest.finished_at is None and latest.from_day == from_day:
        return latest
    if from_day is None:
        DossierRollup.objects.all().delete()
        DossierFactSnapshot.objects.all().delete()
        RollupMark.objects.all().delete()  # every change committed so far is read by the rebuild
    else:
        DossierRollup.objects.filter(day__gte=from_day).delete()
    return RollupBuild.objects.create(from_day=from_day)


def _scope(from_day: date | None) -> Q:
    """The dossiers a rebuild folds: received or ended (from ``from_day`` on, when given)."""
    if from_day is None:
        return Q(received_at__isnull=False) | Q(processed_at__isnull=False)
    start, _end = local_day_bounds(from_day)
    return Q(received_at__gte=start) | Q(processed_at__gte=start)


def rollups_rebuild(*, from_day: date | None = None, chunk: int = 50_000, progress: Progress | None = None) -> int:
    """Recount the rollups from the dossiers — all of them, or the days from ``from_day`` on (the rows before
    it are kept and corrected for the dossiers recounted) — resuming an unfinished build of the same
    ``from_day``. Each chunk is a range of ids folded set-based in one transaction. Returns the dossiers folded
    by this run."""
    build = _build_start(from_day)
    scope = _scope(from_day)
    dossiers = Dossier.objects.filter(scope).order_by("pk")
    total = dossiers.count()
    done = dossiers.filter(pk__lte=build.last_dossier_id).count()
    folded = 0
    while True:
        rest = dossiers.filter(pk__gt=build.last_dossier_id)
        last = next(iter(rest.values_list("pk", flat=True)[chunk - 1 : chunk]), None)
        last = last or rest.aggregate(last=Max("pk"))["last"]
        if last is None:
            break
        with transaction.atomic():
            n = rollups_fold(where=scope & Q(pk__gt=build.last_dossier_id, pk__lte=last), before=from_day)
            build.last_dossier_id, build.folded = last, build.folded + n
            build.save(update_fields=["last_dossier_id", "folded"])
        folded += n
        done += n
        if progress is not None:
            progress(done, total)
    build.finished_at = timezone.now()
    build.save(update_fields=["finished_at"])
    return folded


@dataclass(frozen=True)
class Difference:
    period: str
    place: str  # province code, or "country"
    name: str  # a fact filter, or an indicator's code
    rollup: int | str
    direct: int | str


def _months(from_day: date | None) -> Iterator[Period]:
    bounds = Dossier.objects.real().aggregate(
        first=Min("received_at"), last_received=Max("received_at"), last_finished=Max("processed_at")
    )
    if bounds["first"] is None:
        return
    first = local_date(bounds["first"])
    if from_day is not None:
        first = max(first, from_day)
    last = max(local_date(d) for d in (bounds["last_received"], bounds["last_finished"]) if d is not None)
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield period_parse(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def rollups_check(*, from_day: date | None = None, progress: Progress | None = None) -> list[Difference]:
    """Every filter count, and every indicator of the current set, for every province and the country in every
    month with dossiers: the rollups' figure against the direct count. Returns the differences (none: exact)."""
    from ..scores import _dossier_counts, _line, _resolve  # scores reads through this package

    try:
        _set, indicators = _resolve(None)
    except ApplicationError:  # no set published yet: the filter counts are still compared
        indicators = []
    names = set(FACT_FILTERS)
    months = list(_months(from_day))
    differences = []
    for index, period in enumerate(months, start=1):
        direct = _dossier_counts(Q(), period, names, group_by="province_code", direct=True)
        rolled = rollup_counts(Q(), period, names, group_by="province_code")
        direct["country"] = _summed(direct.values(), names)
        rolled["country"] = _summed(rolled.values(), names)
        for place in sorted({*direct, *rolled} - {None}, key=str):
            d, r = direct.get(place, {}), rolled.get(place, {})
            for name in sorted(names):
                if d.get(name, 0) != r.get(name, 0):
                    differences.append(Difference(period.key, str(place), name, r.get(name, 0), d.get(name, 0)))
            for indicator in indicators:
                if indicator.source != "dossiers":
                    continue
                dl, rl = _line(indicator, d), _line(indicator, r)
                if (dl.numerator, dl.denominator) != (rl.numerator, rl.denominator):
                    differences.append(
                        Difference(period.key, str(place), indicator.code,
                                   f"{rl.numerator}/{rl.denominator}", f"{dl.numerator}/{dl.denominator}")
                    )  # fmt: skip
        if progress is not None:
            progress(index, len(months))
    return differences


def _summed(rows, names: set[str]) -> dict[str, int]:
    return {name: sum(row.get(name, 0) for row in rows) for name in names}
