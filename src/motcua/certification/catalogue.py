"""Which stage an action belongs to, read from the stage catalogue (docs/stages.md), not from a table of our own.

Only the stages postal staff perform are certified and gated (``performer = postal_staff``, not reference only).
An action belongs to a stage as the catalogue's events say:

* a lifecycle action (``dossier`` event) belongs to the stage that **ends** with it, when the dossier is in a state
  one of that stage's ``dossier`` start events leads to (a stage without such start events: any state). So
  ``receive`` is the reception, ``transfer`` the transfer, ``meet_obligation`` the fees, and ``return_result`` the
  return at the counter only for a result sent to the counter: the same action closing a delivery by post belongs
  to the delivery, whose postal events gate the postman instead;
* a postal event belongs to the stage that ends with it, else to the stage whose events are of the same kind of
  postal order (``collected`` is the pickup's, ``out_for_delivery`` the delivery's);
* a ``stage`` names the stage itself, for work the catalogue marks with no event (digitization).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.utils import translation

from motcua.dossiers.lifecycle import TRANSITIONS, Action, Status
from motcua.stages.events import POSTAL_EVENTS, RECEIVE
from motcua.stages.models import Boundary, CatalogueVersion, EventKind, Performer, Stage, VersionStatus
from motcua.stages.selectors import stages_of

STAGE = "stage"  # the kind of a gate question that names the stage itself


@dataclass(frozen=True)
class GatedStage:
    code: str
    name_vi: str
    name_en: str
    ends: frozenset[tuple[str, str]]
    after: frozenset[str]  # dossier states the stage's dossier start events lead to
    order_kinds: frozenset[str]  # the kinds of postal order its postal events concern

    @property
    def label(self) -> StageName:
        return StageName(self.name_vi, self.name_en)


@dataclass(frozen=True)
class StageName:
    """A stage's name that reads in the language active when it is printed (an error message's parameter)."""

    vi: str
    en: str

    def __str__(self) -> str:
        return self.en if (translation.get_language() or "vi").startswith("en") and self.en else self.vi


def _state_after(name: str) -> str | None:
    if name == RECEIVE:
        return Status.RECEIVED
    if name in Action.values:
        target = TRANSITIONS[Action(name)].target
        return str(target) if target is not None else None
    return None


def _gated(stage: Stage) -> GatedStage:
    events = list(stage.events.all())
    starts = [e for e in events if e.boundary == Boundary.START]
    after = {_state_after(e.name) for e in starts if e.kind == EventKind.DOSSIER}
    return GatedStage(
        code=stage.code,
        name_vi=stage.name_vi,
        name_en=stage.name_en,
        ends=frozenset((e.kind, e.name) for e in events if e.boundary == Boundary.END),
        after=frozenset(state for state in after if state),
        order_kinds=frozenset(
            POSTAL_EVENTS[e.name].order_kind for e in events if e.kind == EventKind.POSTAL and e.name in POSTAL_EVENTS
        ),
    )


@lru_cache(maxsize=8)
def _stages_of_version(version_id: int, published_at: datetime | None) -> dict[str, GatedStage]:
    stages = stages_of(CatalogueVersion(pk=version_id)).filter(performer=Performer.POSTAL_STAFF, reference_only=False)
    return {stage.code: _gated(stage) for stage in stages}


def gated_stages() -> dict[str, GatedStage]:
    """The certified stages of the published catalogue, by code (empty without one). One query once cached: a
    published version is immutable, and a new one has another id."""
    row = CatalogueVersion.objects.filter(status=VersionStatus.PUBLISHED).values_list("pk", "published_at").first()
    return _stages_of_version(*row) if row else {}


def stage_for(*, kind: str, name: str, dossier_status: str | None = None) -> GatedStage | None:
    """The certified stage the event ``kind``/``name`` belongs to (module docstring), or None: not gated."""
    stages = gated_stages()
    if kind == STAGE:
        return stages.get(name)
    for stage in stages.values():
        if (kind, name) in stage.ends and (
            kind != EventKind.DOSSIER or not stage.after or dossier_status is None or dossier_status in stage.after
        ):
            return stage
    if kind == EventKind.POSTAL and name in POSTAL_EVENTS:
        order_kind = POSTAL_EVENTS[name].order_kind
        return next((stage for stage in stages.values() if order_kind in stage.order_kinds), None)
    return None
