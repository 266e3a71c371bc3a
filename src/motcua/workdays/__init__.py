"""Working-day calendar: which days and hours count, and the time-limit arithmetic built on them.

Public API for the dossier engine (import from the modules, this package re-exports nothing so that
app loading stays light):

* ``selectors.work_calendar(*, hours=None) -> WorkCalendar`` — the cached engine for a locality;
* ``calendar.WorkCalendar`` — ``due_at(start, *, amount, unit)``, ``add_working_days``,
  ``add_working_hours``, ``add_working_time``, ``add_calendar_days``, ``same_day_due``,
  ``next_working_instant``, ``working_time_between``, ``working_days_between``, ``finished_on_time``;
* ``calendar.LimitUnit`` — how a procedure states its limit;
* ``clock.ProcessingClock`` — the pausable clock, persisted with ``to_json`` / ``from_json``;
* ``services.day_override_set`` / ``day_override_save`` / ``day_override_delete`` — audited edits.
"""
