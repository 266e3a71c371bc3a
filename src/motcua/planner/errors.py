"""Errors of the planner: one function per rule, each with a stable code, a bilingual message and the input it names."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.procedures.errors import ImportIssue


def not_a_number(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_not_a_number", _("“%(field)s” must be a finite number."), params={"field": field}, field=field
    )


def too_large(*, field: str, limit: float) -> ApplicationError:
    return ApplicationError(
        "planner_too_large",
        _("“%(field)s” is larger than %(limit)s, the most the planner accepts."),
        params={"field": field, "limit": f"{limit:g}"},
        field=field,
    )


def arrivals_negative(*, field: str = "arrivals_per_hour") -> ApplicationError:
    return ApplicationError(
        "planner_arrivals_negative", _("The number of arrivals per hour cannot be negative."), field=field
    )


def service_time_not_positive(*, field: str = "service_seconds") -> ApplicationError:
    return ApplicationError(
        "planner_service_time_not_positive", _("The service time must be longer than 0 seconds."), field=field
    )


def target_wait_negative(*, field: str = "target_wait_seconds") -> ApplicationError:
    return ApplicationError("planner_target_wait_negative", _("The target wait cannot be negative."), field=field)


def service_level_out_of_range(*, field: str = "service_level") -> ApplicationError:
    return ApplicationError(
        "planner_service_level_out_of_range",
        _("The service level must be more than 0 and less than 1 (as a percentage: more than 0 and less than 100)."),
        field=field,
    )


def shrinkage_out_of_range(*, field: str = "shrinkage") -> ApplicationError:
    return ApplicationError(
        "planner_shrinkage_out_of_range", _("The shrinkage must be at least 0 and less than 1."), field=field
    )


def max_occupancy_out_of_range(*, field: str = "max_occupancy") -> ApplicationError:
    return ApplicationError(
        "planner_max_occupancy_out_of_range", _("The maximum occupancy must be more than 0 and at most 1."), field=field
    )


def patience_not_positive(*, field: str = "patience_seconds") -> ApplicationError:
    return ApplicationError(
        "planner_patience_not_positive", _("The mean patience must be longer than 0 seconds."), field=field
    )


def servers_negative(*, field: str = "servers") -> ApplicationError:
    return ApplicationError(
        "planner_servers_negative", _("The number of counters must be a whole number, 0 or more."), field=field
    )


def unstable(*, servers: int, load: float, field: str = "servers") -> ApplicationError:
    return ApplicationError(
        "planner_unstable",
        _(
            "%(servers)s counters cannot carry an offered load of %(load)s erlangs: "
            "without abandonment the queue grows without end."
        ),
        params={"servers": servers, "load": f"{load:.3f}"},
        field=field,
        status=422,
    )


def beyond_server_limit(*, limit: int, field: str = "arrivals_per_hour") -> ApplicationError:
    return ApplicationError(
        "planner_beyond_server_limit",
        _("More than %(limit)s counters would be needed: this load cannot be planned."),
        params={"limit": limit},
        field=field,
        status=422,
    )


def simulation_no_stages(*, field: str = "stages") -> ApplicationError:
    return ApplicationError("planner_simulation_no_stages", _("The simulation needs at least one stage."), field=field)


def simulation_no_hours(*, field: str = "arrivals_per_hour") -> ApplicationError:
    return ApplicationError(
        "planner_simulation_no_hours", _("The arrival profile must give at least one hour."), field=field
    )


def simulation_no_servers(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_simulation_no_servers", _("Every stage of the simulation needs at least one counter."), field=field
    )


def simulation_break_invalid(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_simulation_break_invalid",
        _("A break must start at 0 or later, end after it starts and close a counter the stage has."),
        field=field,
    )


def simulation_distribution_unknown(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_simulation_distribution_unknown",
        _("The service time distribution must be “exponential” or “lognormal”."),
        field=field,
    )


# Scenario inputs (used by motcua.planner.inputs). The first version of these was lost when this module was
# created twice at the same moment; rebuilt from their calls.


def input_not_an_object(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_input_not_an_object",
        _("“%(field)s” must be a group of named values."),
        params={"field": field},
        field=field,
    )


def input_missing(*, field: str) -> ApplicationError:
    return ApplicationError("planner_input_missing", _("“%(field)s” is missing."), params={"field": field}, field=field)


def input_unknown(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_input_unknown", _("“%(field)s” is not an input of a plan."), params={"field": field}, field=field
    )


def input_wrong_type(*, field: str, expected: str | Promise) -> ApplicationError:
    return ApplicationError(
        "planner_input_wrong_type",
        _("“%(field)s” must be %(expected)s."),
        params={"field": field, "expected": expected},
        field=field,
    )


def opening_hours_unreadable(*, field: str, text: str) -> ApplicationError:
    return ApplicationError(
        "planner_opening_hours_unreadable",
        _("The opening hours “%(text)s” cannot be read; write them as 07:30-11:30, 13:30-17:00."),
        params={"text": text},
        field=field,
    )


# Scenarios and the country model (motcua.planner.checks, scenarios, model, exchange).


def input_not_positive(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_input_not_positive",
        _("“%(field)s” must be greater than zero."),
        params={"field": field},
        field=field,
        status=422,
    )


def input_negative(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_input_negative", _("“%(field)s” cannot be negative."), params={"field": field}, field=field, status=422
    )


def input_out_of_range(*, field: str, low: str, high: str) -> ApplicationError:
    return ApplicationError(
        "planner_input_out_of_range",
        _("“%(field)s” must lie between %(low)s and %(high)s."),
        params={"field": field, "low": low, "high": high},
        field=field,
        status=422,
    )


def shares_exceed_whole(*, field: str, other: str) -> ApplicationError:
    return ApplicationError(
        "planner_shares_exceed_whole",
        _("The shares “%(field)s” and “%(other)s” together exceed 100%%."),
        params={"field": field, "other": other},
        field=field,
        status=422,
    )


def no_demand(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_no_demand",
        _("Every field's rate of dossiers is zero: there is nothing to plan."),
        field=field,
        status=422,
    )


def never_open(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_never_open",
        _("The commune centres are never open, or no arrivals fall in their opening hours."),
        field=field,
        status=422,
    )


def unknown_field_code(*, field: str, code: str) -> ApplicationError:
    return ApplicationError(
        "planner_unknown_field_code",
        _("The peak names the field “%(code)s”, which the inputs do not have."),
        params={"code": code},
        field=field,
        status=422,
    )


def unknown_choice(*, field: str, value: str, choices: str) -> ApplicationError:
    return ApplicationError(
        "planner_unknown_choice",
        _("“%(value)s” is not one of %(choices)s."),
        params={"value": value, "choices": choices},
        field=field,
        status=422,
    )


def province_unknown(*, field: str, name: str) -> ApplicationError:
    return ApplicationError(
        "planner_province_unknown",
        _("No province of today's map is called “%(name)s”."),
        params={"name": name},
        field=field,
        status=422,
    )


def provinces_missing(*, field: str, codes: str) -> ApplicationError:
    return ApplicationError(
        "planner_provinces_missing",
        _("The inputs have no figures for the provinces %(codes)s."),
        params={"codes": codes},
        field=field,
        status=422,
    )


def load_never_carried(*, field: str, load: float, cap: int) -> ApplicationError:
    return ApplicationError(
        "planner_load_never_carried",
        _(
            "A commune centre would have to serve %(load)s counter-hours of work per hour, more than "
            "%(cap)s counters can carry: check the rates, the service times and the population."
        ),
        params={"load": f"{load:,.0f}", "cap": cap},
        field=field,
        status=422,
    )


def scenario_not_found() -> ApplicationError:
    return ApplicationError("planner_scenario_not_found", _("There is no such scenario."))


def scenario_version_not_found() -> ApplicationError:
    return ApplicationError("planner_scenario_version_not_found", _("The scenario has no such version."))


def scenario_forbidden() -> ApplicationError:
    return ApplicationError(
        "planner_scenario_forbidden", _("Only planners and administrators may work on scenarios."), status=403
    )


def scenario_out_of_scope(*, field: str) -> ApplicationError:
    return ApplicationError(
        "planner_scenario_out_of_scope",
        _("You plan for one province only; a scenario of another province or of the country is not yours."),
        field=field,
        status=403,
    )


def scenario_name_taken(*, name: str) -> ApplicationError:
    return ApplicationError(
        "planner_scenario_name_taken",
        _("A scenario called “%(name)s” already exists for this scope."),
        params={"name": name},
        field="name",
        status=409,
    )


def scenario_name_empty() -> ApplicationError:
    return ApplicationError("planner_scenario_name_empty", _("Give the scenario a name."), field="name", status=422)


def scenario_archived() -> ApplicationError:
    return ApplicationError(
        "planner_scenario_archived", _("The scenario is archived; copy it to change its inputs."), status=409
    )


def province_not_in_scope(*, code: str) -> ApplicationError:
    return ApplicationError(
        "planner_province_not_in_scope",
        _("The province %(code)s is not in this scenario's scope."),
        params={"code": code},
        field="province",
        status=404,
    )


def inputs_file_unreadable() -> ApplicationError:
    return ApplicationError(
        "planner_inputs_file_unreadable", _("The file is not an Excel workbook (.xlsx) that can be read."), status=422
    )


def inputs_sheet_missing(*, sheet: str) -> ApplicationError:
    return ApplicationError(
        "planner_inputs_sheet_missing", _("The workbook has no sheet “%(sheet)s”."), params={"sheet": sheet}
    )


class InputsImportRejected(ApplicationError):
    """Nothing was imported; ``issues`` holds every problem found, by sheet, row and column."""

    def __init__(self, issues: Sequence[ImportIssue]) -> None:
        self.issues = list(issues)
        super().__init__(
            "planner_inputs_import_rejected",
            _("The import was rejected with %(count)s error(s); nothing was changed."),
            params={"count": len(self.issues)},
            status=422,
        )

    def lines(self) -> list[str]:
        return [issue.line() for issue in self.issues]


def inputs_import_rejected(issues: Sequence[ImportIssue]) -> InputsImportRejected:
    return InputsImportRejected(issues)


def scenario_version_immutable() -> ApplicationError:
    return ApplicationError(
        "planner_scenario_version_immutable",
        _("A saved version of a scenario never changes; save a new version instead."),
        status=409,
    )


# --- calibration from measured data and simulation runs (calibration.py, runs.py) --------------------------------


def calibration_scope_missing() -> ApplicationError:
    return ApplicationError(
        "planner_calibration_scope_missing", _("Choose a receiving point or a province to measure."), field="point"
    )


def calibration_point_not_found(*, code: str) -> ApplicationError:
    return ApplicationError(
        "planner_calibration_point_not_found",
        _("There is no receiving point “%(code)s” within your planning scope."),
        params={"code": code},
        field="point",
    )


def calibration_period_invalid() -> ApplicationError:
    return ApplicationError(
        "planner_calibration_period_invalid",
        _("The period must start on or before the day it ends, and not after today."),
        field="since",
    )


def calibration_too_few_samples(*, measure: str, count: int, minimum: int) -> ApplicationError:
    return ApplicationError(
        "planner_calibration_too_few_samples",
        _("“%(measure)s” was measured on %(count)s dossier(s) only; at least %(minimum)s are needed to use it."),
        params={"measure": measure, "count": count, "minimum": minimum},
        field=measure,
        status=422,
    )


def calibration_nothing_chosen() -> ApplicationError:
    return ApplicationError(
        "planner_calibration_nothing_chosen", _("Choose at least one measured value to use."), field="measures"
    )


def run_not_found() -> ApplicationError:
    return ApplicationError("planner_run_not_found", _("There is no such simulation run within your scope."))


def run_not_cancellable(*, status: str | Promise) -> ApplicationError:
    return ApplicationError(
        "planner_run_not_cancellable",
        _("The run is %(status)s: only a queued or running run can be cancelled."),
        params={"status": status},
        status=409,
    )


def run_commune_not_found(*, code: str) -> ApplicationError:
    return ApplicationError(
        "planner_run_commune_not_found",
        _("There is no commune “%(code)s” in the scenario's province."),
        params={"code": code},
        field="commune",
    )


def run_days_out_of_range(*, most: int) -> ApplicationError:
    return ApplicationError(
        "planner_run_days_out_of_range",
        _("The number of days to simulate must be a whole number from 1 to %(most)s."),
        params={"most": most},
        field="days",
    )


def run_day_closed(*, day: str) -> ApplicationError:
    return ApplicationError(
        "planner_run_day_closed",
        _("The commune centre is closed on %(day)s in this scenario: there is nothing to simulate."),
        params={"day": day},
        field="day",
        status=422,
    )


def run_interrupted() -> ApplicationError:
    return ApplicationError(
        "planner_run_interrupted", _("The simulation was interrupted too many times and was stopped."), status=500
    )
