"""What the administrators' commands share: finding the user, the stage and the field they name."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from motcua.procedures.models import Field

from . import errors
from .services import stage_code_check


def user_named(username: str) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise errors.user_unknown(username=username)
    return user


def field_named(text: str) -> Field:
    """A field by its code, else by its exact name (case ignored)."""
    found = Field.objects.filter(Q(code=text) | Q(name__iexact=text.strip())).order_by("pk").first()
    if found is None:
        raise errors.field_unknown(code=text)
    return found


def stage_named(code: str) -> str:
    return stage_code_check(code.strip())


def date_read(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise errors.date_invalid(value=text) from None
