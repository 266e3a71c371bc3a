"""Settings of the service-quality indicators (docs/indicators.md). Part of the base settings once
``motcua.conf.base`` imports everything here.

Published sources disagree on the sub-weights and thresholds of Decision 766/QĐ-TTg, and the national dashboard's
grade boundaries were not found in a public text: all of them are configuration. A change of weights or thresholds
does not rewrite anything: the next ``manage.py indicators`` publishes a new version of the indicator set.
"""

from .env import config

INDICATOR_WEIGHTS = config(
    "INDICATOR_WEIGHTS",
    default=[],
    cast=list,
    help="Sub-weights overriding the built-in ones, as `code=points` pairs separated by commas, e.g. "
    "`766.online_rate=8,766.procedures_online=4` (codes in docs/indicators.md). A group's points are the sum of "
    "its indicators'. Unverified: sources disagree.",
    group="Indicators",
)
INDICATOR_THRESHOLDS = config(
    "INDICATOR_THRESHOLDS",
    default=[],
    cast=list,
    help="Thresholds overriding the built-in ones, as `code=rate` pairs (a rate between 0 and 1), e.g. "
    "`766.online_rate=0.5`. Full points at or above the threshold, proportional below.",
    group="Indicators",
)
INDICATOR_GRADES = config(
    "INDICATOR_GRADES",
    default=["80", "65", "50"],
    cast=list,
    help="The lowest totals (out of 100) of the grades Tốt, Khá and Trung bình, in that order; below the last: "
    "Yếu kém. Unverified: the national dashboard's boundaries were not found in a published text.",
    group="Indicators",
)
INDICATOR_EXPORT_CHUNK = config(
    "INDICATOR_EXPORT_CHUNK",
    default=5000,
    cast=int,
    help="Rows read from the database and written to the file at a time by `manage.py export_dossiers` (one "
    "Parquet row group): memory stays bounded whatever the number of dossiers.",
    group="Indicators",
)
INDICATOR_PROCEDURES_PARTLY_ONLINE = config(
    "INDICATOR_PROCEDURES_PARTLY_ONLINE",
    default=True,
    cast=bool,
    help="Whether a procedure offered partly online (một phần) counts for `766.procedures_online` beside those "
    "fully online (toàn trình): both are online public services (Decree 42/2022/NĐ-CP, article unverified). "
    "Off: only fully online ones count. A change publishes a new version of the indicator set.",
    group="Indicators",
)
