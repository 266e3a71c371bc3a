"""Definitions are versioned: a published set never changes, and a closed period's kept figures are never
rewritten (docs/indicators.md, "Versions and kept figures")."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from time_machine import travel

from motcua.core.errors import ApplicationError
from motcua.indicators.definitions import configured_definitions
from motcua.indicators.models import Indicator, IndicatorFigure, IndicatorSet
from motcua.indicators.services import indicator_set_create, indicator_set_ensure, indicator_set_publish
from tests.dossiers.conftest import at

from .support import approved, received

pytestmark = pytest.mark.django_db


def _refused(call) -> None:
    with pytest.raises(ApplicationError) as refused:
        call()
    assert refused.value.code == "indicator_set_published"


def test_the_configured_set_is_published_once_and_found_again():
    first = indicator_set_ensure()
    again = indicator_set_ensure()
    assert first.created and not again.created
    assert again.indicator_set == first.indicator_set
    assert first.indicator_set.published_at is not None
    weights = {i.group: 0 for i in first.indicator_set.indicators.all()}
    for i in first.indicator_set.indicators.all():
        weights[i.group] += i.weight
    assert {g: int(w) for g, w in weights.items()} == {
        "transparency": 18, "progress": 20, "online": 12, "payment": 10, "satisfaction": 18, "digitization": 22,
        "468": 0,
    }  # fmt: skip


def test_a_published_set_and_its_indicators_cannot_be_edited_or_deleted():
    published = indicator_set_ensure().indicator_set
    indicator = published.indicators.get(code="766.online_rate")
    indicator.weight = Decimal("5")
    _refused(indicator.save)
    _refused(indicator.delete)
    published.title = "changed"
    _refused(published.save)
    _refused(lambda: indicator_set_publish(indicator_set=published))
    assert Indicator.objects.get(pk=indicator.pk).weight == Decimal("6")


def test_a_changed_weight_publishes_a_new_version_and_leaves_the_old_one(settings):
    first = indicator_set_ensure().indicator_set
    settings.INDICATOR_WEIGHTS = ["766.online_rate=10", "766.synced=20"]
    second = indicator_set_ensure()
    assert second.created and second.indicator_set.version == first.version + 1
    assert first.indicators.get(code="766.online_rate").weight == Decimal("6")
    assert second.indicator_set.indicators.get(code="766.online_rate").weight == Decimal("10")


def test_a_definition_must_name_filters_of_the_registry():
    broken = [configured_definitions()[0]]
    from dataclasses import replace

    with pytest.raises(ApplicationError) as refused:
        indicator_set_create(name="test", definitions=[replace(broken[0], numerator="anything; DROP TABLE")])
    assert refused.value.code == "indicator_filter_unknown"
    with pytest.raises(ApplicationError) as mixed:
        indicator_set_create(name="test", definitions=[replace(broken[0], numerator="on_time")])  # ÷ received
    assert mixed.value.code == "indicator_anchors_differ"
    assert not IndicatorSet.objects.filter(name="test").exists()


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with travel(at("15/06/2026 08:00"), tick=False):  # May is closed
        call_command("indicators", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_closed_months_figures_are_kept_and_never_rewritten(month, settings):
    args = ("--scope", "province:42", "--period", "2026-05", "--json")
    _run(*args)
    kept = {f.indicator.code: (f.numerator, f.denominator, f.computed_at) for f in IndicatorFigure.objects.all()}
    assert kept["766.on_time"][:2] == (3, 4)

    approved(month.world, received(month.world), when="06/05/2026 11:00")  # a dossier of May recorded late
    _, said = _run(*args)
    assert "766.on_time" in said and "unchanged" in said
    now_kept = {f.indicator.code: (f.numerator, f.denominator, f.computed_at) for f in IndicatorFigure.objects.all()}
    assert now_kept == kept

    settings.INDICATOR_WEIGHTS = ["766.online_rate=10", "766.synced=20"]
    _, said = _run(*args)
    assert "version 1" in said and "version 2" in said
    by_version = {v: IndicatorFigure.objects.filter(indicator_set__version=v).count() for v in (1, 2)}
    assert by_version == {1: 12, 2: 12}
    assert IndicatorFigure.objects.get(indicator_set__version=2, indicator__code="766.on_time").numerator == 4


def test_an_open_month_is_not_kept(month):
    out = StringIO()
    with travel(at("20/05/2026 08:00"), tick=False):
        call_command("indicators", "--scope", "country", "--period", "2026-05", stdout=out, stderr=StringIO())
    assert "766.on_time" in out.getvalue()
    assert not IndicatorFigure.objects.exists()
