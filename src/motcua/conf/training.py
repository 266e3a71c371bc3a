"""Training and certification: the gate that lets a certificate decide what a clerk may do (docs/training.md).

Part of the base settings (``motcua.conf.base`` imports everything here).
"""

from .env import config

TRAINING_GATE = config(
    "TRAINING_GATE",
    default="off",
    help="Whether a valid certification for the stage and the procedure's field is needed to act: `off`, `warn` "
    "(the action proceeds and the gap is recorded) or `enforce` (refused with `certification_required`).",
    group="Training",
)
