"""Numbers and shares the planner's way: ``1.234,5`` and ``80 %`` in Vietnamese, ``1,234.5`` and ``80 %`` in
English (the charts write them with the same functions)."""

from __future__ import annotations

from django import template

from motcua.core import charts

register = template.Library()


@register.filter
def number(value: float | int | None, digits: int = 0) -> str:
    return charts.number(value, int(digits))


@register.filter
def percent(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else charts.percent(float(value), int(digits))
