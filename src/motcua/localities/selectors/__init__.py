"""Reading the map tables: counts, commune search, and old codes and addresses on today's map."""

from .address import Confidence, ResolvedAddress, legacy_address_resolve
from .search import TABLE_KEYS, commune_search, locality_counts

__all__ = [
    "TABLE_KEYS",
    "Confidence",
    "ResolvedAddress",
    "commune_search",
    "legacy_address_resolve",
    "locality_counts",
]
