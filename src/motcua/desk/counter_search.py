"""The counter's dossier search: by code, ID number (12 digits, spaces and dots allowed) or the applicant's
name with or without accents, among the dossiers the clerk may see; and the dossiers of the clerk's points
waiting for a supplement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_filter_search, dossier_list_at_my_points, dossier_list_for_user

from .counter_forms import _digits

DOSSIERS_SHOWN = 15
WAITING_SHOWN = 20


class DossierSearchForm(forms.Form):
    hs = forms.CharField(
        label=_("Find a dossier"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "enterkeyhint": "search",
                "accesskey": "o",
                "placeholder": _("Dossier code, ID number or name: nguyen van an"),
            }
        ),
    )

    def query(self) -> str:
        return " ".join(self.cleaned_data.get("hs", "").split()) if self.is_valid() else ""


def counter_dossier_search(*, user: Any, words: str) -> QuerySet[Dossier]:
    """The dossiers in the user's scope whose code or applicant matches ``words``, newest first. Typed digits
    ("042 098 001 234") are an ID number or a phone."""
    digits = _digits(words)
    words = digits if digits.isdigit() else words
    found = dossier_filter_search(dossiers=dossier_list_for_user(user=user), words=words)
    return found.select_related("procedure_version__procedure").order_by("-received_at")


def counter_waiting_supplement(*, user: Any) -> QuerySet[Dossier]:
    """Dossiers of the user's points waiting for the applicant's supplement, the longest waiting first."""
    waiting = dossier_list_at_my_points(user=user).filter(status=Status.SUPPLEMENT_REQUESTED)
    asked = Max("events__at", filter=Q(events__action=Action.REQUEST_SUPPLEMENT))
    return waiting.annotate(requested_at=asked).select_related("procedure_version__procedure").order_by("requested_at")
