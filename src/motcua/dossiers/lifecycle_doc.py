"""The lifecycle table rendered as Markdown for docs/lifecycle.md (kept current by a test)."""

from __future__ import annotations

from django.utils import translation

from .actions import ACTION_FIELDS
from .lifecycle import NATIONAL_CHANNEL_CODE, NATIONAL_STATUS_CODE, TRANSITIONS, Channel, Status


def lifecycle_markdown() -> str:
    with translation.override("en"):
        en = _render()
    return en


def _label(value) -> str:
    with translation.override("vi"):
        vi = str(value.label)
    return f"{value.label} (*{vi}*)"


def _render() -> str:
    lines = [
        "# The dossier lifecycle",
        "",
        "Generated from `src/motcua/dossiers/lifecycle.py` by `manage.py lifecycle_doc --write`; do not edit.",
        "Services check every action against this table, then the actor's role and scope.",
        "",
        "## States",
        "",
        "| state | national portal code |",
        "|---|---|",
    ]
    lines += [f"| `{s.value}` {_label(s)} | {NATIONAL_STATUS_CODE[s]} |" for s in Status]
    lines += ["", "## Channels", "", "| channel | national portal code |", "|---|---|"]
    lines += [f"| `{c.value}` {_label(c)} | {NATIONAL_CHANNEL_CODE[c]} |" for c in Channel]
    lines += [
        "",
        "## Transitions",
        "",
        "| action | from | to | who | clock | fields |",
        "|---|---|---|---|---|---|",
    ]
    for action, t in TRANSITIONS.items():
        sources = ", ".join(f"`{s.value}`" for s in Status if s in t.sources)
        target = f"`{t.target.value}`" if t.target else "(unchanged)"
        if t.returns_to:
            target += "; back to " + ", ".join(f"`{s.value}`" for s in Status if s in t.returns_to)
            target += " if paused from there"
        roles = ", ".join(str(r.label) for r in t.roles)
        if t.override:
            roles += "; override: " + ", ".join(str(r.label) for r in t.override)
        fields = ", ".join(f"`{f.name}`" + ("" if f.required else "?") for f in ACTION_FIELDS[action]) or "—"
        lines.append(
            f"| `{action.value}` {_label(action)} | {sources} | {target} | {roles} | {t.clock.label} | {fields} |"
        )
    lines += [
        "",
        "A supplement received for a dossier whose supplement was asked for at reception returns it to",
        "`received` (it was never transferred): the table's `returns_to`. The roles under *override* (the",
        "administrator) may take the action whatever the other roles and the scope; every other rule of the",
        "action still holds. An action is offered only when the very check its service makes under the row",
        "lock passes (`dossiers/checks.py`). Finishing after the appointment, or with more than one",
        "supplement request *during processing* (one asked for at reception does not count), is *late*; a",
        "dossier stopped while waiting for a supplement is measured at the request. A dossier whose",
        "appointment was reset after an apology is at best *on time*; an apology notified less than one",
        "working day before the due time is a *late notice* and the dossier is measured against the",
        "appointment it replaced. Approval needs every step of the internal process done but the leader's",
        "own; a refusal (`reject`) may come at any point and cancels the steps not done.",
        "",
        "`complete_step` is taken only by a holder of the step's own role (a specialist does not complete",
        "the leader's signing step), and the step records who completed it. Postal staff ask for a",
        "supplement at reception only, unless `POSTAL_STAFF_MAY_REQUEST_SUPPLEMENT_IN_PROCESS` is on; they",
        "refuse at reception unless `POSTAL_STAFF_MAY_REFUSE_AT_RECEPTION` is off (docs/domain.md).",
        "",
    ]
    return "\n".join(lines)
