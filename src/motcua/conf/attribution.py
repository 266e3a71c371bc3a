"""Settings of the indicators' attribution: lost points, the stage that lost them, the alert list
(docs/indicators.md, "Attribution"). Part of the base settings once ``motcua.conf.base`` imports everything here.
"""

from .env import config

INDICATOR_STAGE_ALLOWANCES = config(
    "INDICATOR_STAGE_ALLOWANCES",
    default=["transfer=480"],
    cast=list,
    help="Working minutes a postal stage may take on top of its time standard before it counts as overrun, as "
    "`stage=minutes` pairs separated by commas. The default lets the transfer wait one working day of 8 hours: "
    "electronic dossiers go at once, a dossier received after 15:00 at the start of the next working day, paper "
    "within one working day (Decree 118/2025/NĐ-CP, the transfer rule; article unverified; docs/domain.md). Stage "
    "codes in docs/stages.md.",
    group="Indicators",
)
INDICATOR_ALERT_WORKING_HOURS = config(
    "INDICATOR_ALERT_WORKING_HOURS",
    default=8,
    cast=int,
    help="The alert list shows the open dossiers due within this many working hours (office hours and the "
    "working-day calendar).",
    group="Indicators",
)
INDICATOR_LOST_PAGE_SIZE = config(
    "INDICATOR_LOST_PAGE_SIZE",
    default=25,
    cast=int,
    help="Dossiers per page of the lost-points page (/chi-so/diem-mat/).",
    group="Indicators",
)
