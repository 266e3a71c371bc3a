"""Training and certification: the gate that lets a certificate decide what a clerk may do (docs/training.md).

Part of the base settings (``motcua.conf.base`` imports everything here).
"""

from .env import config

TRAINING_GATE = config(
    "TRAINING_GATE",
    default="off",
    help="Whether a valid certification for the stage and the procedure's field is needed to act: `off`, `warn` "
    "(the action proceeds and the gap is recorded) or `enforce` (refused with `certification_required`). Any "
    "other value is read as `enforce`.",
    group="Training",
)
CERTIFICATION_VALID_MONTHS = config(
    "CERTIFICATION_VALID_MONTHS",
    default=24,
    cast=int,
    help="How long a certification issued or renewed stays valid, in months (the last day is the day before the "
    "same date that many months later).",
    group="Training",
)
CERTIFICATION_REMINDER_DAYS = [
    int(days)
    for days in config(
        "CERTIFICATION_REMINDER_DAYS",
        default=["90", "60", "30", "7"],
        cast=list,
        shown_default="90,60,30,7",
        help="Days before a certification expires when its holder is reminded (`manage.py certification_reminders`, "
        "daily by Celery beat), each threshold once.",
        group="Training",
    )
]
CERTIFICATION_PRACTICE_STAGES = config(
    "CERTIFICATION_PRACTICE_STAGES",
    default=["receive"],
    cast=list,
    shown_default="receive",
    help="Stages whose certification needs a signed-off practice session in the training sandbox as well as a passed "
    "exam (each within `CERTIFICATION_EVIDENCE_MONTHS`); the other stages are certified by the exam alone.",
    group="Training",
)
CERTIFICATION_EVIDENCE_MONTHS = config(
    "CERTIFICATION_EVIDENCE_MONTHS",
    default=6,
    cast=int,
    help="How old a passed exam or a signed-off practice session may be when the other completes a certification.",
    group="Training",
)
QUALITY_SUPPLEMENT_RATE = config(
    "QUALITY_SUPPLEMENT_RATE",
    default=0.10,
    cast=float,
    help="Quality loop: the share of a clerk's 'complete' receptions that the agency later asked to supplement from "
    "which re-training is suggested.",
    group="Training",
)
QUALITY_DIGITIZATION_REFUSED_RATE = config(
    "QUALITY_DIGITIZATION_REFUSED_RATE",
    default=0.10,
    cast=float,
    help="Quality loop: the share of a clerk's digitizations that failed or were cancelled (machine failures left out) "
    "from which re-training is suggested.",
    group="Training",
)
QUALITY_DIGITIZATION_REDONE_RATE = config(
    "QUALITY_DIGITIZATION_REDONE_RATE",
    default=0.05,
    cast=float,
    help="Quality loop: the share of a clerk's finished digitizations done again later from which re-training is "
    "suggested.",
    group="Training",
)
QUALITY_MIN_VOLUME = config(
    "QUALITY_MIN_VOLUME",
    default=10,
    cast=int,
    help="Quality loop: the fewest pieces of work (receptions, digitizations) a rate is judged on.",
    group="Training",
)
