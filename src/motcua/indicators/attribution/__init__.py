"""Attribution of the indicators' lost points: the dossiers behind them, the stage and the side (post or agency)
that lost the time, the projection of the period's score and the alert list (docs/indicators.md, "Attribution")."""

from .lost import LostPoints, StageTotal, indicator_for_attribution, lacking_dossiers, lost_points
from .projection import Alert, Projection, alert_list, score_projection
from .stages import Attribution, StageLoss, current_stages, stage_attributions

__all__ = [
    "Alert",
    "Attribution",
    "LostPoints",
    "Projection",
    "StageLoss",
    "StageTotal",
    "alert_list",
    "current_stages",
    "indicator_for_attribution",
    "lacking_dossiers",
    "lost_points",
    "score_projection",
    "stage_attributions",
]
