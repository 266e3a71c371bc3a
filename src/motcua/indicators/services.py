"""Writing indicator sets and keeping figures (docs/indicators.md, "Versions and kept figures")."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import errors
from .definitions import SET_NAME, SET_TITLE, SOURCE_NOTE, Definition, configured_definitions, definition_fields
from .facts import FACT_FILTERS
from .feedback_facts import FEEDBACK_FILTERS
from .models import Indicator, IndicatorFigure, IndicatorSet, Source
from .procedures_facts import PROCEDURE_FILTERS
from .queue_facts import TICKET_FILTERS


def _check(definition: Definition) -> None:
    """Every filter named exists in its source's registry, and a dossier indicator's numerator and denominator
    count the same period's dossiers (both by reception, or both by the end of processing). The queue's tickets,
    the petitions and the catalogue have one anchor each (issued, answer due, in force at the period's end)."""
    names = [n.strip() for n in definition.numerator.split("+")] + [definition.denominator]
    others: dict[str, tuple[str, ...]] = {
        Source.TICKETS: TICKET_FILTERS,
        Source.FEEDBACK: FEEDBACK_FILTERS,
        Source.PROCEDURES: PROCEDURE_FILTERS,
    }
    if definition.source in others:
        for name in names:
            if name not in others[definition.source]:
                raise errors.indicator_filter_unknown(code=definition.code, name=name)
        return
    for name in names:
        if name not in FACT_FILTERS:
            raise errors.indicator_filter_unknown(code=definition.code, name=name)
    if len({FACT_FILTERS[name].anchor for name in names}) > 1:
        raise errors.indicator_anchors_differ(code=definition.code)


@transaction.atomic
def indicator_set_create(
    *, name: str, definitions: list[Definition], title: str = "", source_note: str = "", unverified: bool = True
) -> IndicatorSet:
    """A new draft version of the set ``name`` holding ``definitions``, numbered after the last one."""
    for definition in definitions:
        _check(definition)
    last = IndicatorSet.objects.select_for_update().filter(name=name).order_by("-version").first()
    indicator_set = IndicatorSet.objects.create(
        name=name,
        version=(last.version + 1) if last else 1,
        title=title or (last.title if last else name),
        source_note=source_note,
        unverified=unverified,
    )
    for order, definition in enumerate(definitions, start=1):
        Indicator.objects.create(indicator_set=indicator_set, order=order, **asdict(definition))
    return indicator_set


@transaction.atomic
def indicator_set_publish(*, indicator_set: IndicatorSet, at: datetime | None = None) -> IndicatorSet:
    """Publish a draft: from now on neither it nor its indicators may change."""
    locked = IndicatorSet.objects.select_for_update().get(pk=indicator_set.pk)
    if locked.published_at is not None:
        raise errors.indicator_set_published()
    locked.published_at = at or timezone.now()
    locked.save(update_fields=["published_at"])
    return locked


def indicator_set_current(*, name: str = SET_NAME) -> IndicatorSet | None:
    """The latest published version of the set ``name``."""
    return IndicatorSet.objects.filter(name=name, published_at__isnull=False).order_by("-version").first()


def _as_definitions(indicator_set: IndicatorSet) -> list[Definition]:
    names = definition_fields()
    return [
        Definition(**{n: getattr(indicator, n) for n in names})
        for indicator in indicator_set.indicators.order_by("order")
    ]


def _normalised(definitions: list[Definition]) -> list[tuple]:
    return [
        tuple(Decimal(v).normalize() if isinstance(v, Decimal) else v for v in asdict(d).values()) for d in definitions
    ]


@dataclass(frozen=True)
class Ensured:
    indicator_set: IndicatorSet
    created: bool


@transaction.atomic
def indicator_set_ensure() -> Ensured:
    """The published Decision 766 set as the code and the settings define it now: the latest version when it
    matches, else a new version, published. Idempotent; ``load_demo`` and ``manage.py indicators`` call it."""
    wanted = configured_definitions()
    current = indicator_set_current()
    if current is not None and _normalised(_as_definitions(current)) == _normalised(wanted):
        return Ensured(current, created=False)
    draft = indicator_set_create(name=SET_NAME, definitions=wanted, title=SET_TITLE, source_note=SOURCE_NOTE)
    return Ensured(indicator_set_publish(indicator_set=draft), created=True)


@dataclass(frozen=True)
class Kept:
    """What keeping a period's figures did: ``stored`` new rows; ``kept`` rows already there for this version,
    ``differing`` among them (the recomputation disagrees: the stored figure stays); ``other_versions`` the
    set versions that already had figures for this scope and period."""

    stored: int
    kept: int
    differing: list[str]
    other_versions: list[int]


@transaction.atomic
def indicator_figures_keep(*, scores) -> Kept:
    """Keep the figures of a closed period computed by :func:`~.scores.indicator_scores`. Rows already kept for
    the same set version are never overwritten; another version's rows stay beside the new ones."""
    indicator_set = scores.indicator_set
    existing = {
        f.indicator_id: f
        for f in IndicatorFigure.objects.select_for_update().filter(
            indicator_set=indicator_set, scope=scores.scope.key, period=scores.period.key
        )
    }
    other_versions = sorted(
        IndicatorFigure.objects.filter(scope=scores.scope.key, period=scores.period.key)
        .exclude(indicator_set=indicator_set)
        .order_by()  # the model's ordering would enter the DISTINCT and repeat a version per figure
        .values_list("indicator_set__version", flat=True)
        .distinct()
    )
    stored, kept, differing = 0, 0, []
    now = timezone.now()
    for line in scores.lines:
        figure = existing.get(line.indicator.pk)
        if figure is not None:
            kept += 1
            if (figure.numerator, figure.denominator) != (line.numerator, line.denominator):
                differing.append(line.indicator.code)
            continue
        IndicatorFigure.objects.create(
            indicator_set=indicator_set,
            indicator=line.indicator,
            scope=scores.scope.key,
            period=scores.period.key,
            numerator=line.numerator,
            denominator=line.denominator,
            rate=None if line.rate is None else round(Decimal(line.rate), 6),
            points=round(Decimal(line.points), 2),
            computed_at=now,
        )
        stored += 1
    return Kept(stored, kept, differing, other_versions)
