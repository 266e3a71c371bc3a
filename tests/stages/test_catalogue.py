"""The default catalogue as migrated, its event vocabulary against the engine's own tables, and the
copy/publish rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from motcua.core.errors import ApplicationError
from motcua.dossiers.lifecycle import TRANSITIONS, Action
from motcua.dossiers.services import receive as receive_module
from motcua.postal.models import OrderStatus, PickupStep, PostalOrder
from motcua.postal.services.delivery import DELIVERY_EVENTS
from motcua.stages.events import DOSSIER_EVENTS, POSTAL_EVENTS, RECEIVE
from motcua.stages.models import REQUIRED_STAGE_CODES, CatalogueVersion, Stage, StageEvent, VersionStatus
from motcua.stages.services import (
    catalogue_current,
    catalogue_version_copy,
    catalogue_version_publish,
    stage_get,
)

pytestmark = pytest.mark.django_db


def test_the_migration_loads_version_1_published_with_the_nine_stages_in_order():
    version = catalogue_current()
    assert (version.number, version.status) == (1, VersionStatus.PUBLISHED) and version.published_at
    codes = [stage.code for stage in version.stages.all()]
    assert codes == [
        "guide",
        "receive",
        "digitize",
        "transfer",
        "agency_processing",
        "return_counter",
        "pickup",
        "delivery",
        "fees",
    ]
    assert set(codes) == set(REQUIRED_STAGE_CODES)
    for stage in version.stages.all():
        assert stage.name_vi and stage.name_en and list(stage.steps.all()), stage.code
    assert stage_get("agency_processing").reference_only is True
    digitize = stage_get("digitize")
    assert (digitize.time_standard_minutes, digitize.time_basis) == (2, "page")
    assert stage_get("receive").time_standard_minutes == 15


def test_stage_get_refuses_an_unknown_code():
    with pytest.raises(ApplicationError) as refused:
        stage_get("nope")
    assert refused.value.code == "stages_stage_not_found" and refused.value.status == 404


def test_every_dossier_event_named_is_an_action_of_the_lifecycle_table_or_a_recorded_history_event():
    """Reads the lifecycle table: renaming an action there breaks this test until the catalogue follows."""
    actions = {action.value for action in TRANSITIONS}
    named = set(StageEvent.objects.filter(kind="dossier").values_list("name", flat=True))
    assert named, "the default catalogue names dossier events"
    assert named <= actions | {RECEIVE}, named - actions
    assert DOSSIER_EVENTS - {RECEIVE, "receipt_reissued"} == set(Action.values) == actions
    # "receive" is the literal the reception writes: it must still be written there.
    assert f'action="{RECEIVE}"' in Path(receive_module.__file__).read_text(encoding="utf-8")


def test_every_postal_event_named_is_a_status_or_step_of_the_postal_orders_with_a_recorded_time():
    statuses, steps = set(OrderStatus.values), set(PickupStep.values)
    for name, source in POSTAL_EVENTS.items():
        assert name in statuses | steps, name
        if source.field:
            assert PostalOrder._meta.get_field(source.field).get_internal_type() == "DateTimeField"
        else:
            assert source.tracking_kind in DELIVERY_EVENTS
    named = set(StageEvent.objects.filter(kind="postal").values_list("name", flat=True))
    assert named and named <= set(POSTAL_EVENTS)


def test_a_copy_is_a_draft_with_equal_content_and_publishing_it_retires_the_previous():
    published = catalogue_current()
    draft = catalogue_version_copy(version=published)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert draft.stages.count() == 9 and StageEvent.objects.filter(stage__version=draft).count() == (
        StageEvent.objects.filter(stage__version=published).count()
    )
    catalogue_version_publish(version=draft)
    published.refresh_from_db()
    assert published.status == VersionStatus.RETIRED
    assert catalogue_current().number == 2
    assert CatalogueVersion.objects.filter(status=VersionStatus.PUBLISHED).count() == 1


def test_a_draft_is_not_copied_and_a_published_version_is_not_published_again():
    draft = catalogue_version_copy(version=catalogue_current())
    with pytest.raises(ApplicationError) as refused:
        catalogue_version_copy(version=draft)
    assert refused.value.code == "stages_copy_of_draft"
    with pytest.raises(ApplicationError) as again:
        catalogue_version_publish(version=catalogue_current())
    assert again.value.code == "stages_version_not_draft"


@pytest.mark.parametrize(
    "spoil, code",
    [
        (lambda draft: Stage.objects.filter(version=draft, code="fees").delete(), "stages_required_missing"),
        (
            lambda draft: StageEvent.objects.filter(stage__version=draft, name="transfer").update(name="hand_over_x"),
            "stages_unknown_event",
        ),
        (lambda draft: Stage.objects.filter(version=draft, code="guide").update(slips=["99"]), "stages_unknown_slip"),
        (
            lambda draft: Stage.objects.filter(version=draft, code="guide").update(indicators=["speed"]),
            "stages_unknown_indicator",
        ),
    ],
)
def test_publishing_a_broken_draft_is_refused_and_changes_nothing(spoil, code):
    draft = catalogue_version_copy(version=catalogue_current())
    spoil(draft)
    with pytest.raises(ApplicationError) as refused:
        catalogue_version_publish(version=draft)
    assert refused.value.code == code
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT and catalogue_current().number == 1


def test_a_code_used_twice_is_refused_at_publication():
    from motcua.stages.rules import catalogue_problems
    from motcua.stages.specs import specs_of

    specs = specs_of(catalogue_current())
    assert [p.code for p in catalogue_problems([*specs, specs[0]])] == ["stages_duplicate_code"]


def test_the_database_holds_one_published_version_at_a_time():
    draft = catalogue_version_copy(version=catalogue_current())
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueVersion.objects.filter(pk=draft.pk).update(
            status=VersionStatus.PUBLISHED, published_at=draft.created_at
        )
