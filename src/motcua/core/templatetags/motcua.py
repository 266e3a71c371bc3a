"""Template filters for Vietnamese presentation."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def vnd(amount: int | Decimal | None) -> str:
    """Money in Vietnamese đồng: ``33.000 ₫`` in Vietnamese, ``33,000 VND`` in English."""
    if amount is None:
        return ""
    whole = f"{int(amount):,}"
    if translation.get_language() == "en":
        return f"{whole} VND"
    return whole.replace(",", ".") + " ₫"
