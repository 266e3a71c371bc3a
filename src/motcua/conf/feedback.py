"""Settings of ratings, petitions and complaints (docs/feedback.md). Part of the base settings once
``motcua.conf.base`` imports everything here.

The complaint deadlines follow the issue's reading of Decree 20/2008/NĐ-CP (amended by Decree 92/2017/NĐ-CP):
acknowledge or refuse within 2 working days, ask for more within 5, answer within 15, each counted on the working
calendar from the filing time. The primary texts were not read in full (docs/feedback.md, "Sources"), so each
limit is a setting.
"""

from .env import config

FEEDBACK_ACK_WORKING_DAYS = config(
    "FEEDBACK_ACK_WORKING_DAYS",
    default=2,
    cast=int,
    help="Working days, from the filing, to acknowledge (thụ lý) or refuse a petition or complaint.",
    group="Ratings and complaints",
)
FEEDBACK_MORE_INFO_WORKING_DAYS = config(
    "FEEDBACK_MORE_INFO_WORKING_DAYS",
    default=5,
    cast=int,
    help="Working days, from the filing, within which the handler may ask the citizen for more information.",
    group="Ratings and complaints",
)
FEEDBACK_ANSWER_WORKING_DAYS = config(
    "FEEDBACK_ANSWER_WORKING_DAYS",
    default=15,
    cast=int,
    help="Working days, from the filing, to answer a petition or complaint.",
    group="Ratings and complaints",
)
FEEDBACK_NEAR_DUE_WORKING_HOURS = config(
    "FEEDBACK_NEAR_DUE_WORKING_HOURS",
    default=8,
    cast=int,
    help="A complaint whose next deadline is this many working hours away or less is flagged near due.",
    group="Ratings and complaints",
)
FEEDBACK_RATING_OPEN_DAYS = config(
    "FEEDBACK_RATING_OPEN_DAYS",
    default=30,
    cast=int,
    help="Days after the result is returned during which the applicant may rate the handling of the dossier; "
    "the signed rating link sent on the return is valid as long.",
    group="Ratings and complaints",
)
FEEDBACK_RATING_CHANGE_DAYS = config(
    "FEEDBACK_RATING_CHANGE_DAYS",
    default=3,
    cast=int,
    help="Days after a rating is first given during which the applicant may change it (0: a rating is final).",
    group="Ratings and complaints",
)
FEEDBACK_GUEST_FILINGS_PER_HOUR = config(
    "FEEDBACK_GUEST_FILINGS_PER_HOUR",
    default=10,
    cast=int,
    help="Petitions a visitor who is not signed in may file (or dossier codes and secrets they may try) per "
    "hour from one client address.",
    group="Ratings and complaints",
)
