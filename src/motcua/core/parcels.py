"""The parcel a dossier or a result travels in, when nobody weighed it."""

from __future__ import annotations

#: A dossier's papers or a result in an envelope: the postage band it is quoted and charged in.
DEFAULT_PARCEL_WEIGHT_GRAMS = 200
