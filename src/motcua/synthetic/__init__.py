"""Synthetic dossiers for benchmarks and demos (issue 15, item 6; docs/operations.md, "Synthetic dossiers").

``manage.py synth_dossiers N --province CODE --year Y --seed S`` fills a province's year with N dossiers received
at its receiving points for the agencies they serve, over the published catalogue, each with the rows the
services would have written by then: papers, fee lines, processing steps, the history up to its state, online
payments and ratings. Nothing here goes through the services (a million dossiers would take hours): the rows are
computed in memory, in the services' shapes, and written in bulk.

Its own app, because it writes the tables of dossiers, payments and feedback alike (the dossiers app depends on
neither): :mod:`.plan` names a run, :mod:`.world` reads what it draws from, :mod:`.seasons` spreads it over the
year, :mod:`.applicants` and :mod:`.story` make each dossier's applicant and history, :mod:`.rows` its rows, and
:mod:`.write` writes them in resumable batches.
"""
