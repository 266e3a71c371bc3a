"""The province's model-project report ("đề án") as PDF: a document a province can attach to its own decision.

Sections: the current situation (population, area, communes, demand by field), the stages of the front office
as processes (from the published stage catalogue: performer and time standard of each), staffing, cost,
benefits, risks, and every assumption with its source. Charts are the pages' SVG, drawn inline. Printed in
Vietnamese on A4 with WeasyPrint, fonts from the system, nothing fetched (as the counter's slips are).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua.core.charts import number, percent
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.localities.models import Province
from motcua.stages.selectors import catalogue_current

from .detail import version_sensitivity
from .model.sensitivity import SWING
from .scenarios import version_sources
from .views.common import Shown
from .views.figures import million_vnd
from .views.inputs_form import editable_keys
from .views.labels import input_label, unit_label
from .views.province import province_plan

#: Inputs whose sources are most open to question: named as risks when they move the staff most.
TOP_RISKS = 4


def _stages() -> list[dict[str, Any]]:
    try:
        catalogue = catalogue_current()
    except ApplicationError:
        return []
    language = translation.get_language()
    return [
        {
            "code": stage.code,
            "name": stage.name(language),
            "performer": stage.get_performer_display(),
            "minutes": stage.time_standard_minutes,
            "basis": stage.get_time_basis_display(),
            "reference_only": stage.reference_only,
            "steps": [step.text(language) for step in stage.steps.all()],
        }
        for stage in catalogue.stages.all()
    ]


def _demand(shown: Shown, population: float) -> list[dict[str, Any]]:
    inputs = shown.inputs
    language = translation.get_language()
    rows = []
    for code, field in inputs.fields.items():
        rows.append(
            {
                "code": code,
                "name": field.name_en if language == "en" else field.name_vi,
                "per_1000": field.dossiers_per_1000,
                "dossiers": population * field.dossiers_per_1000 / 1000,
            }
        )
    return sorted(rows, key=lambda row: row["dossiers"], reverse=True)


def _risks(plan: dict[str, Any], tornado_rows: list[tuple[str, float, float]]) -> list[str]:
    risks = [
        _(
            "Each commune's population and area are the province's shared equally among its communes until "
            "measured figures are recorded; a commune much larger than the average needs more counters."
        ),
        _(
            "Demand per field is estimated from a national order of magnitude; the first months' measured "
            "arrivals should replace it (the plan is then made again)."
        ),
        _(
            "Peaks (the weeks before Tết, school enrolment, land campaigns) need more counters than the planned "
            "week; the scenario must be made again for the peak weeks."
        ),
    ]
    for label, low, high in tornado_rows[:TOP_RISKS]:
        risks.append(
            _("If %(input)s is %(swing)s off, the staff of the postal model moves between %(low)s and %(high)s FTE.")
            % {"input": label, "swing": percent(SWING), "low": number(low, 1), "high": number(high, 1)}
        )
    return risks


def report_context(*, province: Province, shown: Shown) -> dict[str, Any]:
    assert shown.version is not None and shown.scenario is not None
    plan = province_plan(shown, province.code)
    figures = plan["figures"]
    inputs = shown.inputs
    sources = version_sources(shown.version)
    flat = inputs.flat()
    assumptions = [
        {"label": input_label(key), "value": flat[key], "unit": unit_label(key), "source": sources.get(key, "")}
        for key in editable_keys(inputs, province.code)
    ]
    sensitivity = version_sensitivity(shown.version, inputs, province.code)
    tornado_rows = [
        (input_label(row.key), row.low.postal_model_staff, row.high.postal_model_staff) for row in sensitivity.rows
    ]
    return {
        **plan,
        "province": province,
        "figures_source": inputs.provinces[province.code],
        "shown": shown,
        "scenario": shown.scenario,
        "version": shown.version,
        "day": local_date(),
        "generated_at": timezone.now(),
        "demand": _demand(shown, figures["population"]),
        "stages": _stages(),
        "assumptions": assumptions,
        "risks": _risks(plan, tornado_rows),
        "goal_text": percent(plan["goal"]),
        "costs_text": {
            "baseline": million_vnd(figures["baseline_state_cost_vnd"]),
            "postal": million_vnd(figures["postal_model_cost_vnd"]),
            "state": million_vnd(figures["postal_state_cost_vnd"]),
            "enterprise": million_vnd(figures["postal_enterprise_cost_vnd"]),
            "saved": million_vnd(figures["baseline_state_cost_vnd"] - figures["postal_model_cost_vnd"]),
            "citizens": million_vnd(figures["citizen_vnd_saved"]),
            "postage": million_vnd(figures["postage_vnd"]),
        },
    }


def report_html(*, province: Province, shown: Shown) -> str:
    """The report as one HTML document with inline CSS and SVG, always in Vietnamese."""
    with translation.override("vi"):
        return render_to_string("planner/report/report.html", report_context(province=province, shown=shown))


def report_pdf(*, province: Province, shown: Shown) -> bytes:
    from weasyprint import HTML  # heavy import, only when printing
    from weasyprint.urls import URLFetcher

    html = report_html(province=province, shown=shown)
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    return bytes(pdf)
