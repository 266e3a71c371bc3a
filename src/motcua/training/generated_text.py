"""What the catalogue says about one procedure version, written as a lesson and as questions (docs/training.md).

Pure functions: they read a published version (its components, fees, time limit, result) and a pool of other
procedures' papers, and return Markdown and question drafts; ``training.generated`` stores them. Everything here
is deterministic: the random choices (distractors, the paper left out) come from a generator seeded by the
version's id, so generating twice gives the same questions. Call under ``translation.override``: the texts are
written in the active language (Vietnamese, the catalogue's own).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from motcua.core.templatetags.motcua import vnd
from motcua.procedures.fees import fee_choices
from motcua.procedures.models import Component, Fee, ProcedureVersion, TimeLimitUnit
from motcua.stages.models import StageCode

from .models import QuestionKind
from .questions import normalize

# The stage each kind of generated question trains: papers at reception, time limits when guiding, fees.
STAGE_OF_PAPERS = StageCode.RECEIVE
STAGE_OF_TIME_LIMIT = StageCode.GUIDE
STAGE_OF_FEES = StageCode.FEES
LESSON_STAGE = StageCode.RECEIVE
MANDATORY_QUESTIONS_MAX = 3
DISTRACTORS = 3
TIME_LIMIT_CANDIDATES: tuple[Decimal, ...] = tuple(
    Decimal(v) for v in ("0.5", "1", "2", "3", "5", "7", "10", "12", "15", "20", "25", "30", "45", "60", "90")
)


@dataclass(frozen=True)
class QuestionSpec:
    """A generated question before it is stored: ``key`` finds it again (``Question.generated_key``)."""

    key: str
    stage_code: str
    kind: str
    name: str
    text: str
    data: dict[str, Any]
    feedback: str = ""


@dataclass
class VersionFacts:
    """A version with its parts read once."""

    version: ProcedureVersion
    components: list[Component]
    fees: list[Fee]
    other_papers: list[str] = field(default_factory=list)  # mandatory papers of other procedures, sorted

    @property
    def title(self) -> str:
        return self.version.name

    @property
    def code(self) -> str:
        return self.version.procedure.national_code

    @property
    def mandatory(self) -> list[Component]:
        return [c for c in self.components if c.mandatory]

    def rng(self, purpose: str) -> random.Random:
        return random.Random(f"{self.version.pk}:{purpose}")  # noqa: S311 - reproducible on purpose, not secret


def number(value: Decimal) -> str:
    """1.00 → "1", 0.50 → "0,5": the Vietnamese decimal comma."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def time_limit_text(version: ProcedureVersion, amount: Decimal | None = None) -> str:
    return _("%(amount)s %(unit)s") % {
        "amount": number(version.time_limit if amount is None else amount),
        "unit": version.get_time_limit_unit_display(),
    }


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _fee_line(fee: Fee) -> str:
    text = f"{_cell(fee.description)}: {vnd(fee.amount)}"
    if fee.per_unit:
        text += _(" per %(unit)s") % {"unit": fee.per_unit}
    if fee.exemptions.strip():
        text += " — " + _("exempt: %(who)s") % {"who": _cell(fee.exemptions)}
    return text


# --- the lesson -------------------------------------------------------------------------------------------------


def lesson_title(facts: VersionFacts) -> str:
    return _("Procedure %(code)s: %(name)s") % {"code": facts.code, "name": facts.title}


def lesson_body(facts: VersionFacts) -> str:
    """The lesson's Markdown: papers, fees, time limit, how the result returns, reasons to refuse."""
    version = facts.version
    published = date_format(version.published_at, "d/m/Y") if version.published_at else ""
    parts = [
        "_"
        + _(
            "Generated from version %(number)s of the procedure catalogue, published on %(date)s. It is rewritten "
            "when a new version is published: write your own lessons beside it, not in it."
        )
        % {"number": version.number, "date": published}
        + "_",
        "## " + _("Papers of the dossier"),
        "| # | " + " | ".join((_("Paper"), _("Original or copy"), _("Count"), _("Required"))) + " |",
        "|---|---|---|---|---|",
    ]
    for index, component in enumerate(facts.components, start=1):
        required = (
            "**" + _("Mandatory") + "**"
            if component.mandatory
            else _("When: %(case)s") % {"case": _cell(component.condition)}
        )
        parts[-1] += (
            f"\n| {index} | {_cell(component.name)} | {component.get_form_display()} | {component.quantity} "
            f"| {required} |"
        )
    parts += ["## " + _("Fees and charges"), _fees_markdown(facts.fees)]
    parts += ["## " + _("Time limit"), _time_limit_markdown(version)]
    parts += ["## " + _("How the result returns"), _result_markdown(version)]
    parts += ["## " + _("Common reasons to refuse"), "\n".join(f"- {reason}" for reason in refusal_reasons(version))]
    return "\n\n".join(parts) + "\n"


def _fees_markdown(fees: list[Fee]) -> str:
    choices = fee_choices(fees)
    if not choices.lines:
        return _("No fee or charge.")
    lines = [f"- {_fee_line(fee)}" for fee in choices.fixed]
    for group in choices.groups:
        lines.append("- " + _("One of these, by the applicant's case (chosen at reception):"))
        lines += [f"  - {_fee_line(fee)}" for fee in group]
    if choices.optional:
        lines.append("- " + _("Only when the applicant asks for it (never charged by default):"))
        lines += [f"  - {_fee_line(fee)}" for fee in choices.optional]
    return "\n".join(lines)


def _time_limit_markdown(version: ProcedureVersion) -> str:
    text = time_limit_text(version)
    if version.time_limit_unit == TimeLimitUnit.WORKING_HOURS:
        days = version.time_limit / Decimal(str(settings.WORKDAY_HOURS_PER_DAY))
        text += " " + _("(%(days)s working days)") % {"days": number(days.quantize(Decimal("0.01")))}
    lines = [f"- {text}"]
    if version.same_day_cutoff:
        lines.append(
            "- " + _("Received before the cut-off hour: due at closing the same day; otherwise the next working day.")
        )
    return "\n".join(lines)


def _result_markdown(version: ProcedureVersion) -> str:
    lines = [
        "- " + _("Result: %(result)s") % {"result": _cell(version.result_kind)},
        "- " + _("Decided by: %(agency)s") % {"agency": _cell(version.competent_authority)},
        "- " + _("Returned at the counter of the one-stop unit where the dossier was received."),
    ]
    if version.postal_return:
        lines.append("- " + _("Or delivered by post, when the applicant asks for it and pays the postage."))
    if version.postal_pickup:
        lines.append("- " + _("The dossier itself may be picked up at home by the post."))
    return "\n".join(lines)


def refusal_reasons(version: ProcedureVersion) -> list[str]:
    """The conditions the version states on the applicant, then the reasons that hold for every procedure."""
    reasons = []
    if version.applicant_requirements.strip():
        reasons.append(
            _("The applicant does not meet the conditions: %(conditions)s")
            % {"conditions": _cell(version.applicant_requirements)}
        )
    reasons += [
        _("A mandatory paper is missing: ask for it with a supplement slip (form 02) or refuse (form 03)."),
        _("The identity card shown has expired or does not match the applicant."),
        _("The request is out of the procedure's scope, or for another competent agency."),
    ]
    return reasons


# --- the questions ----------------------------------------------------------------------------------------------


def question_specs(facts: VersionFacts) -> list[QuestionSpec]:
    return [
        *_mandatory_questions(facts),
        *_time_limit_questions(facts),
        *_completeness_questions(facts),
        *_fee_questions(facts),
    ]


def _key(facts: VersionFacts, slug: str) -> str:
    return f"version:{facts.version.pk}:{slug}"


def _name(facts: VersionFacts, what: str) -> str:
    return f"{facts.code} v{facts.version.number} – {what}"


def _mandatory_questions(facts: VersionFacts) -> list[QuestionSpec]:
    own = {normalize(c.name) for c in facts.components}
    pool = [name for name in facts.other_papers if normalize(name) not in own]
    if len(pool) < 2:
        return []
    specs = []
    for component in facts.mandatory[:MANDATORY_QUESTIONS_MAX]:
        distractors = facts.rng(f"mandatory:{component.order}").sample(pool, min(DISTRACTORS, len(pool)))
        choices = [{"text": component.name, "fraction": 1, "feedback": _("Mandatory for this procedure.")}]
        choices += [
            {"text": name, "fraction": 0, "feedback": _("A paper of another procedure.")} for name in distractors
        ]
        specs.append(
            QuestionSpec(
                key=_key(facts, f"mandatory:{component.order}"),
                stage_code=STAGE_OF_PAPERS,
                kind=QuestionKind.SINGLE,
                name=_name(facts, _("mandatory paper %(order)s") % {"order": component.order}),
                text=_("Which paper is mandatory in a dossier for “%(procedure)s”?") % {"procedure": facts.title},
                data={"choices": choices},
            )
        )
    return specs


def _time_limit_questions(facts: VersionFacts) -> list[QuestionSpec]:
    version = facts.version
    right = version.time_limit.normalize()
    others = sorted((c for c in TIME_LIMIT_CANDIDATES if c != right), key=lambda c: (abs(c - right), c))[:5]
    wrong = sorted(facts.rng("time_limit").sample(others, DISTRACTORS))
    choices = [{"text": time_limit_text(version, right), "fraction": 1, "feedback": ""}]
    choices += [{"text": time_limit_text(version, value), "fraction": 0, "feedback": ""} for value in wrong]
    return [
        QuestionSpec(
            key=_key(facts, "time_limit"),
            stage_code=STAGE_OF_TIME_LIMIT,
            kind=QuestionKind.SINGLE,
            name=_name(facts, _("time limit")),
            text=_("What is the time limit of “%(procedure)s”?") % {"procedure": facts.title},
            data={"choices": choices},
            feedback=_("The catalogue says %(limit)s.") % {"limit": time_limit_text(version)},
        )
    ]


def _paper_list(components: list[Component]) -> str:
    return "; ".join(f"{c.name} ({c.get_form_display()}, {c.quantity})" for c in components)


def _completeness_questions(facts: VersionFacts) -> list[QuestionSpec]:
    mandatory = facts.mandatory
    text = _(
        "A dossier for “%(procedure)s” holds: %(papers)s. The applicant's case calls for no conditional paper. "
        "Is the dossier complete?"
    )
    specs = [
        QuestionSpec(
            key=_key(facts, "complete:yes"),
            stage_code=STAGE_OF_PAPERS,
            kind=QuestionKind.TRUE_FALSE,
            name=_name(facts, _("complete dossier")),
            text=text % {"procedure": facts.title, "papers": _paper_list(mandatory)},
            data={
                "answer": True,
                "feedback_right": _("Every mandatory paper is there."),
                "feedback_wrong": _("Every mandatory paper is there: the dossier is complete."),
            },
        )
    ]
    if len(mandatory) >= 2:
        missing = facts.rng("complete:no").choice(mandatory)
        held = [c for c in mandatory if c is not missing]
        specs.append(
            QuestionSpec(
                key=_key(facts, "complete:no"),
                stage_code=STAGE_OF_PAPERS,
                kind=QuestionKind.TRUE_FALSE,
                name=_name(facts, _("incomplete dossier")),
                text=text % {"procedure": facts.title, "papers": _paper_list(held)},
                data={
                    "answer": False,
                    "feedback_right": _("Missing: %(paper)s.") % {"paper": missing.name},
                    "feedback_wrong": _("Missing: %(paper)s.") % {"paper": missing.name},
                },
            )
        )
    return specs


def _fee_questions(facts: VersionFacts) -> list[QuestionSpec]:
    """Only for a single fixed line (no alternatives, not per unit): the amount then has one right answer."""
    choices = fee_choices(facts.fees)
    if len(choices.fixed) != 1 or choices.groups or choices.fixed[0].per_unit:
        return []
    line = choices.fixed[0]
    return [
        QuestionSpec(
            key=_key(facts, "fee"),
            stage_code=STAGE_OF_FEES,
            kind=QuestionKind.NUMERIC,
            name=_name(facts, _("fee")),
            text=_(
                "How much does an applicant who is not exempt pay for “%(procedure)s”, asking for nothing optional? "
                "Answer in VND."
            )
            % {"procedure": facts.title},
            data={"answers": [{"value": line.amount, "tolerance": 0, "fraction": 1, "feedback": ""}]},
            feedback=_fee_line(line),
        )
    ]
