from .complaint import Category, Complaint, ComplaintEvent, DueFlag
from .rating import RATING_REASONS, DossierRating, RatingSource, Score

__all__ = [
    "RATING_REASONS",
    "Category",
    "Complaint",
    "ComplaintEvent",
    "DossierRating",
    "DueFlag",
    "RatingSource",
    "Score",
]
