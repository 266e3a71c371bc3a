"""The home-pickup booking form: it parses and checks what the citizen (or a clerk) typed; the booking
itself is ``postal.services.pickup.pickup_book``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.localtime import LOCAL_TIME_ZONE as LOCAL
from motcua.core.text import fold
from motcua.dossiers.services.receive import ID_NUMBER
from motcua.localities.models import Commune
from motcua.localities.selectors.search import commune_search
from motcua.workdays.selectors import work_calendar

# Pickup hours offered: on the hour, from 07:00 to 19:00 (postmen also work outside office hours).
HOURS = [(f"{h:02d}", f"{h:02d}:00") for h in range(7, 20)]
PHONE = re.compile(r"^(0|\+84)[0-9]{9,10}$")
COMMUNE_SUGGESTIONS = 8

# The inputs of ``pickup_book`` this form names otherwise (input → form field): its errors are shown beside them.
INPUTS = {"window_start": "day", "window_end": "end", "commune": "commune_q"}


def _digits(text: str) -> str:
    return re.sub(r"[\s.\-()]", "", text or "")


def commune_matches(query: str) -> list[Commune]:
    """Communes of today's map matching ``query`` (accents and case ignored), best first."""
    return commune_search(query=query, limit=COMMUNE_SUGGESTIONS) if query.strip() else []


class PickupBookingForm(forms.Form):
    contact_name = forms.CharField(
        label=_("Full name"),
        max_length=255,
        error_messages={"required": _("Enter the name of the person the postman will meet.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_id_number = forms.CharField(
        label=_("Citizen ID number"),
        max_length=20,
        error_messages={"required": _("Enter the 12-digit citizen identity number.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        help_text=_("The postman calls this number before coming. Its last 6 digits let you track the pickup."),
        error_messages={"required": _("Enter a phone number the postman can call.")},
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    address = forms.CharField(
        label=_("House number and street"),
        max_length=255,
        error_messages={"required": _("Enter the house number, street or hamlet.")},
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    commune_q = forms.CharField(
        label=_("Commune or ward (today's map)"),
        required=False,
        max_length=100,
        help_text=_("Type part of the name, with or without accents, then choose it in the list."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "type": "search"}),
    )
    # The code of the commune ticked among the suggestions (radio buttons rendered by the template).
    commune = forms.CharField(required=False, max_length=10)
    day = forms.DateField(
        label=_("Day"),
        error_messages={"required": _("Choose the day of the pickup."), "invalid": _("Enter a date.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start = forms.ChoiceField(label=_("From hour"), choices=HOURS, initial="08")
    end = forms.ChoiceField(label=_("Until hour"), choices=HOURS, initial="11")
    # Honeypot: hidden from people, filled by naive robots.
    return_by_post = forms.BooleanField(
        label=_("Bring the result back to this address by post"),
        required=False,
        initial=True,
        help_text=_("Postage for the return is paid on delivery."),
    )
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestions: list[Commune] = []
        self.chosen_commune: Commune | None = None
        today = timezone.localtime(timezone.now(), LOCAL).date()
        self.fields["day"].widget.attrs.update(min=today.isoformat(), max=(today + dt.timedelta(days=60)).isoformat())

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_contact_name(self) -> str:
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean_contact_id_number(self) -> str:
        value = _digits(self.cleaned_data["contact_id_number"])
        if not ID_NUMBER.match(value):
            raise forms.ValidationError(_("A citizen ID number has 12 digits."), code="invalid")
        return value

    def clean_contact_phone(self) -> str:
        value = _digits(self.cleaned_data["contact_phone"])
        if not PHONE.match(value):
            raise forms.ValidationError(_("Enter a Vietnamese phone number, e.g. 0912 345 678."), code="invalid")
        return value

    def clean_day(self) -> dt.date:
        day: dt.date = self.cleaned_data["day"]
        today = timezone.localtime(timezone.now(), LOCAL).date()
        if day < today:
            raise forms.ValidationError(_("Choose today or a later day."), code="past")
        if day > today + dt.timedelta(days=60):
            raise forms.ValidationError(_("Choose a day within the next two months."), code="far")
        if not work_calendar().is_working_day(day):
            raise forms.ValidationError(_("Choose a working day (not a weekend or public holiday)."), code="holiday")
        return day

    def _clean_commune(self) -> None:
        code = (self.cleaned_data.get("commune") or "").strip()
        query = (self.cleaned_data.get("commune_q") or "").strip()
        if code:
            self.chosen_commune = Commune.objects.select_related("province").filter(code=code).first()
            # A commune ticked in the list wins unless the text was changed to name another one.
            chosen = self.chosen_commune
            if chosen is not None and all(word in fold(chosen.name) for word in fold(query).split()):
                return
            self.chosen_commune = None
        if not query:
            self.add_error("commune_q", _("Enter the commune or ward of the address."))
            return
        self.suggestions = commune_matches(query)
        exact = [c for c in self.suggestions if getattr(c, "rank", 2) == 0]
        if len(self.suggestions) == 1 or len(exact) == 1:
            self.chosen_commune = exact[0] if len(exact) == 1 else self.suggestions[0]
            self.suggestions = []
        elif self.suggestions:
            self.add_error("commune_q", _("Several communes match: choose one in the list."))
        else:
            self.add_error("commune_q", _("No commune of today's map matches this name."))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self._clean_commune()
        if self.chosen_commune is not None:
            data["commune"] = self.chosen_commune.code
            data["commune_q"] = self.chosen_commune.name
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            begins = dt.datetime.combine(day, dt.time(int(start)), LOCAL)
            ends = dt.datetime.combine(day, dt.time(int(end)), LOCAL)
            if ends <= begins:
                self.add_error("end", _("The window must end after it starts."))
            elif ends <= timezone.now() + dt.timedelta(hours=1):
                self.add_error("end", _("This window has passed or is too close: choose a later one."))
            else:
                data["window_start"], data["window_end"] = begins, ends
        return data
