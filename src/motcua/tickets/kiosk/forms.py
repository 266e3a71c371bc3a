"""The visitor's forms: take a ticket (kiosk or phone), check an appointment in, rate the service.

They only parse and check what was sent; the services (``ticket_issue``, ``appointment_check_in``,
``rating_give``) apply the rules. A choice the page never offered (a service of another centre, an unknown
priority, score or reason) is refused here with a message the visitor can read, never a 500.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CounterRating, Priority, QueueService, RatingScore, RatingSource, Ticket
from ..models.rating import RATING_REASONS
from ..services import rating_give


class TicketForm(forms.Form):
    """A press on a service's button: which service, and the priority the visitor toggled (none by default)."""

    service = forms.ChoiceField(
        error_messages={
            "required": _("Choose a service."),
            "invalid_choice": _("This service is not offered here. Choose one of the buttons."),
        }
    )
    priority = forms.ChoiceField(
        required=False,
        choices=Priority.choices,
        error_messages={"invalid_choice": _("Choose a priority from the list, or none.")},
    )

    def __init__(self, *args: Any, services: list[QueueService], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.services = {str(service.pk): service for service in services}
        field = self.fields["service"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(pk, service.name) for pk, service in self.services.items()]

    def clean_service(self) -> QueueService:
        return self.services[self.cleaned_data["service"]]


class PhoneTicketForm(TicketForm):
    # Honeypot: hidden from people, filled by naive robots.
    website = forms.CharField(required=False, max_length=200)

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Appointment code"),
        max_length=20,
        error_messages={
            "required": _("Type the code of your appointment."),
            "max_length": _("An appointment code has 8 characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class RatingForm(forms.Form):
    score = forms.ChoiceField(
        label=_("How was the service?"),
        choices=RatingScore.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose satisfied, neutral or dissatisfied."),
            "invalid_choice": _("Choose satisfied, neutral or dissatisfied."),
        },
    )
    reasons = forms.MultipleChoiceField(
        label=_("What stood out? (optional)"),
        required=False,
        choices=list(RATING_REASONS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose the reasons from the list.")},
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the comment under 500 characters.")},
    )

    def give(self, *, ticket: Ticket, source: RatingSource) -> CounterRating:
        """The valid form's rating of ``ticket`` (``rating_give`` raises what it refuses)."""
        return rating_give(
            ticket=ticket,
            score=self.cleaned_data["score"],
            reasons=self.cleaned_data["reasons"],
            comment=self.cleaned_data["comment"],
            source=source,
        )
