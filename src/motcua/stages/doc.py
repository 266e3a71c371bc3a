"""``docs/stages.md``, generated from the published stage catalogue and the event vocabulary
(``manage.py stages_doc --write``; a test fails when the page drifts)."""

from __future__ import annotations

from django.utils import translation

from .codes import SLIP_CODES, Indicator
from .events import DOSSIER_EVENTS, POSTAL_EVENTS
from .exchange import COLUMNS
from .models import Boundary
from .selectors import catalogue_current

INTRO = """# The stage catalogue

Generated from the published stage catalogue by `manage.py stages_doc --write`; do not edit. The content is
data (`motcua.stages`): change it by copying the published version into a draft (admin, or the workbook import)
and publishing the draft.

The Government asks that each hand-over stage of the postal one-stop model be defined as a process. The
catalogue is the one vocabulary the planner (staffing per stage), training (certification per stage) and the
indicators (which stage lost a point) share: each stage has a **stable code** that keeps its meaning from one
version to the next, while names, steps, events and time standards change by publishing a new version.
One version is published at a time (a database constraint); publishing a draft retires the previous version in
the same transaction. Version 1 is loaded by migration `stages.0002` from `src/motcua/stages/default_v1.py`,
which names the sources of each stage: docs/domain.md ("Who does what", "The postal steps of a home pickup and a
delivery", "Lifecycle and national codes", "Deadlines and verdicts", "Official papers", "Fees and postage",
"Shared rules").

**Time standards are defaults to calibrate.** Only reception's 15 minutes has a public source (Decision
468/QĐ-TTg, 2021: a citizen waits at most 15 minutes); guidance 5 minutes, digitization 2 minutes a page,
transfer 3, return at the counter 5, home pickup 20, delivery 15 and fees 3 minutes per dossier are motcua's
starting values, to be replaced by each province with its own observations and the measured durations below.
Processing at the agency is listed for reference only: the procedure's own time limit applies, the post does
not staff it.

## For other apps

- `motcua.stages.services.catalogue_current()` → the published `CatalogueVersion`, its stages prefetched in
  order with their steps and events; `stage_get(code)` → one `Stage`. Both raise `ApplicationError`
  (`stages_catalogue_not_found`, `stages_stage_not_found`).
- `catalogue_version_copy(version=)` → a new draft; `catalogue_version_publish(version=)` publishes it, refused
  (nothing changed) when a required stage is missing, a code is used twice, a stage has no steps, or an event,
  slip or indicator is unknown (`stages/errors.py`).
- `motcua.stages.measure.stage_spans(dossier)` → the measured stages of one dossier;
  `stage_durations(queryset, stage_code)` → count, mean, p50 and p90 over many dossiers, in a few queries.

## Measured durations

A stage's span in a dossier runs from the first of its start events to the first of its end events at or after
it, read from the dossier's history and its postal orders. A stage with no start or no end event is not measured
from the history. Spans are elapsed time between two recorded events, waits included, given in elapsed minutes
and in working minutes (office hours and the working-day calendar); `stage_durations` aggregates working minutes
unless asked for elapsed ones. They bound and calibrate a time standard, which is the staff's own work per dossier.

## Events

A start or end event names a record exactly as motcua stores it; publishing and importing refuse any other.

- `dossier`: the `action` of the dossier's history: {dossier}.
- `postal`: what a postal order of the dossier went through, and where its time is read: {postal}.

## The workbook

`manage.py stages_export FILE [--version N]` writes a version, `manage.py stages_import FILE` (or the page
`/quy-trinh/nhap/`, administrators only) reads one into a new draft. An import is all or nothing: every problem
is listed as sheet / row / column and nothing is written. List cells hold one item per line (inputs, outputs,
quality checks) or codes separated by commas (slips, indicators).

{sheets}

Slips: {slips}. Indicators (the groups of Decision 766/QĐ-TTg, 2022): {indicators}.

## Pages and API

`/quy-trinh/` (the catalogue), `/quy-trinh/<code>/` (a stage), `/quy-trinh/<code>/phieu.pdf` (its A4 process
sheet), `/quy-trinh/phieu.pdf` (every sheet), `/quy-trinh/xuat.xlsx` (the workbook), `?phien-ban=N` for another
version: for planners, trainers, postal and one-stop supervisors and the administrator. `GET /api/v1/stages` and
`GET /api/v1/stages/{{code}}` give the published catalogue to authenticated staff.
"""


def _postal_source(name: str) -> str:
    source = POSTAL_EVENTS[name]
    where = f"`{source.field}`" if source.field else f"tracking event `{source.tracking_kind}`"
    status = f" (status `{source.status}`)" if source.status else ""
    return f"`{name}` ({source.order_kind}: {where}{status})"


def _cell(items: list[str] | tuple[str, ...]) -> str:
    return "<br>".join(item.replace("|", "\\|") for item in items) or "—"


def stages_markdown() -> str:
    version = catalogue_current()
    with translation.override("en"):
        intro = INTRO.format(
            dossier=", ".join(f"`{name}`" for name in sorted(DOSSIER_EVENTS)),
            postal=", ".join(_postal_source(name) for name in POSTAL_EVENTS),
            sheets="\n".join(
                f"- sheet `{sheet}`: " + ", ".join(f"`{c}`" for c in cols) for sheet, cols in COLUMNS.items()
            ),
            slips=", ".join(f"`{code}`" for code in SLIP_CODES),
            indicators=", ".join(f"`{code}` ({label})" for code, label in Indicator.choices),
        )
        lines = [
            intro,
            f"## Version {version.number}",
            "",
            "| # | code | stage | performer | time standard | starts at | ends at |",
            "|---|---|---|---|---|---|---|",
        ]
        stages = list(version.stages.all())
        for stage in stages:
            events = list(stage.events.all())
            start = ", ".join(f"`{e.kind}.{e.name}`" for e in events if e.boundary == Boundary.START) or "—"
            end = ", ".join(f"`{e.kind}.{e.name}`" for e in events if e.boundary == Boundary.END) or "—"
            time = (
                "reference only"
                if stage.reference_only
                else f"{stage.time_standard_minutes} min {stage.get_time_basis_display()}"
            )
            lines.append(
                f"| {stage.sort_order} | `{stage.code}` | {stage.name_vi} (*{stage.name_en}*) | "
                f"{stage.get_performer_display()} | {time} | {start} | {end} |"
            )
        for stage in stages:
            lines += ["", f"### `{stage.code}` {stage.name_vi} (*{stage.name_en}*)", ""]
            lines += [
                f"{step.order}. {step.text_vi} — *{step.text_en}* ({step.get_actor_display()})"
                for step in stage.steps.all()
            ]
            lines += [
                "",
                "| | |",
                "|---|---|",
                f"| inputs | {_cell(stage.inputs)} |",
                f"| outputs | {_cell(stage.outputs)} |",
                f"| quality checks | {_cell(stage.quality_checks)} |",
                f"| slips | {', '.join(stage.slips) or '—'} |",
                f"| indicators | {', '.join(stage.indicators) or '—'} |",
            ]
        return "\n".join(lines) + "\n"
