"""The booking form: it reads what the visitor chose and typed; the rules (phone, e-mail, which slots are
offered, whether one is full) are the booking service's, so the page and any other caller refuse alike."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.localtime import LOCAL_TIME_ZONE

from . import errors
from .capacity import Slot

SLOT_FORMAT = "%Y-%m-%dT%H:%M"


def slot_value(slot: Slot) -> str:
    return slot.start.astimezone(LOCAL_TIME_ZONE).strftime(SLOT_FORMAT)


def slot_parse(value: str) -> datetime | None:
    """``2026-12-04T08:00`` (local time) → an aware instant; None for anything else (year 99999, junk)."""
    try:
        parsed = datetime.strptime((value or "").strip()[:20], SLOT_FORMAT)
    except (ValueError, OverflowError):
        return None
    return parsed.replace(tzinfo=LOCAL_TIME_ZONE)


def day_parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except (ValueError, OverflowError):
        return None


def int_parse(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


class BookingForm(forms.Form):
    slot = forms.CharField(
        label=_("Time"),
        max_length=20,
        error_messages={"required": _("Choose a time among those shown.")},
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        error_messages={"required": _("Enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        # No length limit here: the booking service refuses a number that is not a mobile one, with the message
        # that says what a mobile number looks like (a 40-digit paste gets that, not "at most 20 characters").
        help_text=_("The centre calls this number if the appointment must move."),
        error_messages={"required": _("Enter a mobile number the centre can call.")},
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel", "maxlength": 20}),
    )
    email = forms.CharField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("With an address, you receive the confirmation and a reminder the day before."),
        widget=forms.TextInput(attrs={"type": "email", "inputmode": "email", "autocomplete": "email"}),
    )
    # Honeypot: hidden from people, filled by naive robots.
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slot_start: datetime | None = None

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_slot(self) -> str:
        value: str = self.cleaned_data["slot"]
        self.slot_start = slot_parse(value)
        if self.slot_start is None:
            raise forms.ValidationError(errors.slot_not_offered().render(), code="invalid")
        return value
