"""Decision 766's "procedures offered online" (766.procedures_online): of the procedures with a version in force at
the end of the period, those offered fully or partly online; per scope, the procedures of the implementing levels
its agencies serve (docs/indicators.md, "The indicators")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from django.urls import reverse
from time_machine import travel

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel, ReceivingPoint, ReceivingPointKind
from motcua.core.errors import ApplicationError
from motcua.dossiers.models import Dossier
from motcua.indicators.definitions import configured_definitions
from motcua.indicators.models import IndicatorFigure, Source
from motcua.indicators.periods import period_parse
from motcua.indicators.procedures_facts import procedure_counts, procedure_counts_by_levels, versions_in_force
from motcua.indicators.scopes import scope_parse, served_levels
from motcua.indicators.scores import indicator_ranking, indicator_scores
from motcua.indicators.services import (
    indicator_figures_keep,
    indicator_set_create,
    indicator_set_ensure,
    indicator_set_publish,
)
from motcua.indicators.views_figures import lost_url
from motcua.localities.models import Commune, DivisionType
from motcua.procedures.models import OnlineSubmission, Procedure, ProcedureVersion, VersionStatus
from motcua.procedures.services import (
    procedure_version_create_draft,
    procedure_version_publish,
    procedure_version_retire,
)
from tests.dossiers.conftest import at
from tests.factories import ProcedureVersionFactory

from .support import lost_points_page, received

pytestmark = pytest.mark.django_db

APRIL, MAY, JUNE = period_parse("2026-04"), period_parse("2026-05"), period_parse("2026-06")
CODE = "766.procedures_online"
FULL, PARTIAL, NONE = OnlineSubmission.FULL, OnlineSubmission.PARTIAL, OnlineSubmission.NONE
PUBLISHED = "10/04/2026 09:00"


def _publish(levels: list[str], online: str, when: str = PUBLISHED) -> Procedure:
    version = ProcedureVersionFactory(levels=levels, online_submission=online)
    with travel(at(when), tick=False):
        procedure_version_publish(version=version)
    return version.procedure


def _replace(procedure: Procedure, online: str, when: str) -> None:
    """A new version of ``procedure``, the same but for its online submission, published at ``when``."""
    draft = procedure_version_create_draft(procedure=procedure)
    draft.online_submission = online
    draft.save()
    with travel(at(when), tick=False):
        procedure_version_publish(version=draft)


def _withdraw(procedure: Procedure, when: str) -> None:
    procedure.refresh_from_db()
    with travel(at(when), tick=False):
        procedure_version_retire(version=procedure.current_version)


@dataclass
class Catalogue:
    """The world's procedure (commune level, not online; moved to 01/01/2026) and these, all published 10/04/2026
    unless said otherwise. In force at the end of May: world, full, partial, none, replaced (v2), replaced_after
    (v1), withdrawn_after, central — 8, of which 6 online."""

    full: Procedure  # province, fully online
    partial: Procedure  # commune, partly online
    none: Procedure  # province and commune, not online
    withdrawn: Procedure  # province, fully online, withdrawn 20/05: in force in April only
    not_yet: Procedure  # province, fully online, published 10/06: in force from June
    replaced: Procedure  # commune: v1 not online, v2 fully online published 15/05
    replaced_after: Procedure  # commune: v1 fully online, v2 not online published 05/06
    withdrawn_after: Procedure  # province, partly online, withdrawn 03/06
    central: Procedure  # central, fully online
    draft_only: ProcedureVersion  # never published


@pytest.fixture
def catalogue(world) -> Catalogue:
    ProcedureVersion.objects.filter(pk=world.version.pk).update(published_at=at("01/01/2026 08:00"))
    result = Catalogue(
        full=_publish(["province"], FULL),
        partial=_publish(["commune"], PARTIAL),
        none=_publish(["province", "commune"], NONE),
        withdrawn=_publish(["province"], FULL),
        not_yet=_publish(["province"], FULL, when="10/06/2026 09:00"),
        replaced=_publish(["commune"], NONE),
        replaced_after=_publish(["commune"], FULL),
        withdrawn_after=_publish(["province"], PARTIAL),
        central=_publish(["central"], FULL),
        draft_only=ProcedureVersionFactory(levels=["province"], online_submission=FULL),
    )
    _withdraw(result.withdrawn, "20/05/2026 10:00")
    _replace(result.replaced, FULL, "15/05/2026 10:00")
    _replace(result.replaced_after, NONE, "05/06/2026 10:00")
    _withdraw(result.withdrawn_after, "03/06/2026 10:00")
    return result


@dataclass
class Places:
    village_commune: Commune
    village_hall: Agency  # commune level, in the second commune
    village_point: ReceivingPoint  # serves the village hall
    ministry: Agency  # central, served only by a training point


@pytest.fixture
def places(world) -> Places:
    """Beside the world (two post offices in Thành Sen serving two province-level agencies): a commune of the same
    province whose post office serves its commune-level People's Committee, and a training point serving a
    ministry (a training point receives nobody's real work: it widens no scope)."""
    commune = Commune.objects.create(
        code="18100", name="Xã Thạch Hà", division_type=DivisionType.COMMUNE, codename="th", province=world.province
    )
    hall = Agency.objects.create(
        code="H30.X02", name="UBND xã Thạch Hà", kind=AgencyKind.PEOPLES_COMMITTEE, level=AgencyLevel.COMMUNE,
        province=world.province, commune=commune,
    )  # fmt: skip
    point = {"kind": ReceivingPointKind.POST_OFFICE, "operator": world.post, "address": "1"}
    village_point = ReceivingPoint.objects.create(code="VNP.42.3", name="Bưu cục Thạch Hà", commune=commune, **point)
    village_point.serves.set([hall])
    ministry = Agency.objects.create(code="G01", name="Bộ Tư pháp", kind=AgencyKind.COMPETENT, level="central")
    training = ReceivingPoint.objects.create(
        code="VNP.42.9", name="Điểm thực hành", commune=world.commune, is_training=True, **point
    )
    training.serves.set([ministry])
    return Places(commune, hall, village_point, ministry)


@pytest.fixture
def scored(catalogue, places) -> Catalogue:
    indicator_set_ensure()
    return catalogue


def _line(scope: str, period=MAY):
    scores = indicator_scores(scope_parse(scope), period)
    return next(line for line in scores.lines if line.indicator.code == CODE)


@pytest.mark.parametrize(
    ("scope", "numerator", "denominator", "points"),
    [
        # The whole catalogue in force at the end of May: 6 of 8 online, 0.75 < 0.8: 0.75 ÷ 0.8 × 6.
        ("country", 6, 8, 5.625),
        # Thành Sen's and Thạch Hà's points serve province and commune levels: all but the central one, 5 of 7.
        ("province:42", 5, 7, 6 * 5 / 7 / 0.8),
        # Province level: full, none, withdrawn_after — 2 of 3 (the training point's ministry does not count).
        ("commune:18073", 2, 3, 5.0),
        ("point:VNP.42.1", 2, 3, 5.0),
        ("agency:H30.X01", 2, 3, 5.0),
        # Commune level: world, partial, none, replaced (v2), replaced_after (v1) — 3 of 5.
        ("commune:18100", 3, 5, 4.5),
        ("point:VNP.42.3", 3, 5, 4.5),
        ("agency:H30.X02", 3, 5, 4.5),
    ],
)
def test_the_procedures_in_force_at_the_end_of_may_are_counted_per_scope(scored, scope, numerator, denominator, points):
    line = _line(scope)
    assert (line.numerator, line.denominator) == (numerator, denominator)
    assert line.applicable and line.points == pytest.approx(points)


@pytest.mark.parametrize("scope", ["agency:VNP.42", "point:VNP.42.9"])
def test_a_postal_unit_or_a_training_point_handles_no_procedure_and_loses_nothing(scored, scope):
    line = _line(scope)
    assert (line.numerator, line.denominator, line.applicable, line.points) == (0, 0, False, 6)


def test_a_central_agency_handles_the_central_procedures_whoever_receives_them(scored):
    line = _line("agency:G01")  # served only by the training point, still the ministry's procedures
    assert (line.numerator, line.denominator, line.points) == (1, 1, 6)


def test_each_version_in_force_is_the_last_published_before_the_end_not_withdrawn(scored):
    in_force = {v.procedure_id: v for v in versions_in_force(MAY.end)}
    assert scored.draft_only.procedure_id not in in_force
    assert scored.withdrawn.pk not in in_force and scored.not_yet.pk not in in_force
    assert in_force[scored.replaced.pk].online_submission == FULL  # v2, published 15/05
    assert in_force[scored.replaced_after.pk].online_submission == FULL  # v1: v2 came on 05/06
    assert in_force[scored.withdrawn_after.pk].status == VersionStatus.RETIRED  # withdrawn since, in force then
    assert len(in_force) == 8


@pytest.mark.parametrize(
    ("period", "numerator", "denominator"),
    [
        # April: the withdrawn one is still in force, replaced is v1 (not online), not_yet is not there: 6 of 9.
        (APRIL, 6, 9),
        (MAY, 6, 8),
        # June: withdrawn_after is gone, not_yet has come, replaced_after is v2 (not online): 5 of 8.
        (JUNE, 5, 8),
    ],
)
def test_each_period_counts_the_versions_in_force_at_its_end(scored, period, numerator, denominator):
    line = _line("country", period)
    assert (line.numerator, line.denominator) == (numerator, denominator)


def test_a_closed_month_does_not_move_when_the_catalogue_changes_afterwards(world):
    """GIVEN a catalogue at the end of May and May's figure; WHEN versions are published and withdrawn in June;
    THEN May's figure is what it was, and June's counts the changes."""
    ProcedureVersion.objects.filter(pk=world.version.pk).update(published_at=at("01/01/2026 08:00"))
    online = _publish(["commune"], FULL)
    offline = _publish(["commune"], NONE)
    indicator_set_ensure()
    before = _line("country")
    _withdraw(online, "02/06/2026 10:00")
    _replace(offline, PARTIAL, "03/06/2026 10:00")
    _publish(["commune"], FULL, when="04/06/2026 10:00")
    after = _line("country")
    june = _line("country", JUNE)
    assert (before.numerator, before.denominator) == (after.numerator, after.denominator) == (1, 3)
    assert (june.numerator, june.denominator) == (2, 3)  # offline now partly online, the new one; online gone


def test_a_version_marked_retired_with_no_date_is_never_in_force(world):
    """A version retired around the services (no later version, no withdrawal recorded) cannot say since when:
    counting it as in force would count a withdrawn procedure forever."""
    ProcedureVersion.objects.filter(pk=world.version.pk).update(status=VersionStatus.RETIRED)
    assert not versions_in_force(at("01/01/2030 00:00")).filter(pk=world.version.pk).exists()


def test_only_fully_online_procedures_count_when_partly_online_ones_are_set_aside(scored, settings):
    settings.INDICATOR_PROCEDURES_PARTLY_ONLINE = False
    ensured = indicator_set_ensure()
    assert ensured.created
    assert ensured.indicator_set.indicators.get(code=CODE).numerator == "offered_fully_online"
    # Fully online in force at the end of May: full, replaced (v2), replaced_after (v1), central — 4 of 8.
    line = _line("country")
    assert (line.numerator, line.denominator) == (4, 8)
    assert line.points == pytest.approx(0.5 / 0.8 * 6)


def test_the_online_group_keeps_its_twelve_points_shared_with_the_online_rate(scored, world):
    received(world)  # one dossier at the counter: online rate 0 of 1
    scores = indicator_scores(scope_parse("province:42"), MAY)
    weights = {line.indicator.code: line.indicator.weight for line in scores.lines if line.indicator.group == "online"}
    assert weights == {"766.online_rate": Decimal("6"), CODE: Decimal("6")}
    assert scores.groups["online"] == round(0 + 6 * 5 / 7 / 0.8, 2)


def test_the_weights_of_the_online_group_are_configurable(scored, settings):
    settings.INDICATOR_WEIGHTS = ["766.online_rate=8", f"{CODE}=4"]
    weights = {d.code: d.weight for d in configured_definitions() if d.group == "online"}
    assert weights == {"766.online_rate": Decimal("8"), CODE: Decimal("4")}


def test_the_ranking_counts_each_units_procedures_as_its_own_scope(scored, world, places, second_province):
    here = received(world)
    there = received(world)
    village = received(world)
    Dossier.objects.filter(pk=there.pk).update(receiving_point=second_province)
    Dossier.objects.filter(pk=village.pk).update(receiving_point=places.village_point)
    assert here.receiving_point == world.office

    provinces = {r.scores.scope.code: r.scores for r in indicator_ranking(period=MAY)}
    assert set(provinces) == {"40", "42"}
    for code, scores in provinces.items():
        ranked = next(x for x in scores.lines if x.indicator.code == CODE)
        own = _line(f"province:{code}")
        assert (ranked.numerator, ranked.denominator, ranked.points) == (own.numerator, own.denominator, own.points)
        assert scores.total == indicator_scores(scope_parse(f"province:{code}"), MAY).total
    # Nghệ An's post office serves no agency: no procedure of its own.
    nghe_an = next(x for x in provinces["40"].lines if x.indicator.code == CODE)
    assert (nghe_an.denominator, nghe_an.applicable) == (0, False)

    communes = indicator_ranking(period=MAY, within=scope_parse("province:42"), level="commune")
    lines = {r.scores.scope.code: next(x for x in r.scores.lines if x.indicator.code == CODE) for r in communes}
    assert {code: (x.numerator, x.denominator) for code, x in lines.items()} == {"18073": (2, 3), "18100": (3, 5)}
    agencies = indicator_ranking(period=MAY, within=scope_parse("province:42"), level="agency")
    lines = {r.scores.scope.code: next(x for x in r.scores.lines if x.indicator.code == CODE) for r in agencies}
    assert {code: (x.numerator, x.denominator) for code, x in lines.items()} == {"H30.X01": (2, 3)}


def test_a_scope_or_a_ranking_reads_the_catalogue_in_one_grouped_query(scored, places, django_assert_num_queries):
    province = scope_parse("province:42")
    with django_assert_num_queries(1):
        counts = procedure_counts(MAY.end, province.procedures)
    assert (counts["offered_online"], counts["in_force"]) == (5, 7)
    with django_assert_num_queries(2):  # the units' levels, then the catalogue grouped by levels
        by_unit = procedure_counts_by_levels(MAY.end, served_levels("commune_id", commune__province_id="42"))
    assert {code: (c["offered_online"], c["in_force"]) for code, c in by_unit.items()} == {
        "18073": (2, 3), "18100": (3, 5),
    }  # fmt: skip


def test_an_inactive_agency_widens_no_scope(scored, world, places):
    places.village_hall.is_active = False
    places.village_hall.save()
    world.office.serves.add(places.village_hall)
    for scope in ("point:VNP.42.3", "commune:18100"):
        line = _line(scope)
        assert (line.denominator, line.applicable) == (0, False)
    assert _line("point:VNP.42.1").denominator == 3  # still only the province level


KEPT = ("indicator__code", "numerator", "denominator", "points", "computed_at")


def _before_the_catalogue() -> list:
    """The built-in definitions as they were before this indicator: the online rate weighed the group's 12."""
    return [
        replace(d, weight=Decimal("12")) if d.code == "766.online_rate" else d
        for d in configured_definitions()
        if d.code != CODE
    ]


def test_the_new_definition_publishes_a_new_version_and_leaves_the_kept_figures(catalogue, places):
    old = indicator_set_publish(indicator_set=indicator_set_create(name="766", definitions=_before_the_catalogue()))
    old_scores = indicator_scores(scope_parse("province:42"), MAY, old)
    assert old_scores.groups["online"] == 12  # no dossier: the online rate is not applicable
    stored = indicator_figures_keep(scores=old_scores).stored
    kept = list(IndicatorFigure.objects.values_list(*KEPT))

    ensured = indicator_set_ensure()
    assert ensured.created and ensured.indicator_set.version == old.version + 1
    new = ensured.indicator_set
    assert new.indicators.get(code=CODE).source == Source.PROCEDURES
    assert new.indicators.get(code="766.online_rate").weight == Decimal("6")
    assert old.indicators.get(code="766.online_rate").weight == Decimal("12")
    assert not old.indicators.filter(code=CODE).exists()

    again = indicator_figures_keep(scores=indicator_scores(scope_parse("province:42"), MAY))
    assert (again.stored, again.other_versions) == (stored + 1, [old.version])
    assert list(IndicatorFigure.objects.filter(indicator_set=old).values_list(*KEPT)) == kept
    figure = IndicatorFigure.objects.get(indicator_set=new, indicator__code=CODE)
    assert (figure.numerator, figure.denominator, figure.points) == (5, 7, Decimal("5.36"))
    assert not indicator_set_ensure().created


def test_a_catalogue_definition_must_name_the_catalogues_filters():
    definition = next(d for d in configured_definitions() if d.code == CODE)
    with pytest.raises(ApplicationError) as refused:
        indicator_set_create(name="test", definitions=[replace(definition, denominator="received")])
    assert refused.value.code == "indicator_filter_unknown"


def test_the_lost_points_of_the_catalogue_have_no_dossier_page(scored, client, world):
    scope = scope_parse("province:42")
    line = _line("province:42")
    assert line.points < 6 and lost_url(scope, MAY, line) is None
    page = lost_points_page(client, world, CODE)
    assert page.status_code == 400
    assert "đếm danh mục thủ tục hành chính, không đếm hồ sơ" in page.content.decode()
    listed = client.get(reverse("indicators:lost"), {"scope": "province:42", "period": "2026-05"})
    assert listed.status_code == 200 and CODE not in listed.content.decode()
