"""Filters that put a procedure into words on the public pages (see :mod:`motcua.portal.guide`)."""

from __future__ import annotations

from django import template

from motcua.portal import guide

register = template.Library()

register.filter("time_limit_words", guide.time_limit_words)
register.filter("level_labels", guide.level_labels)
register.filter("component_form", guide.component_form_label)
register.filter("fee_kind", guide.fee_kind_label)
register.filter("fee_summary", guide.fee_summary)
register.filter("fee_condition", guide.fee_condition)
register.filter("fees_have_choices", guide.fees_have_choices)
register.filter("submission_channels", guide.submission_channels)
register.filter("return_channels", guide.return_channels)


@register.simple_tag
def step_duration(step, unit: str) -> str:
    return guide.step_duration_words(step.duration, unit)
