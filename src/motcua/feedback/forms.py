"""The forms of the rating and petition pages. Field names are those of the errors (``errors.py``), so a refused
input is shown beside its field."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.desk.supervision_forms import DayField
from motcua.localities.models import Province

from . import errors
from .models import RATING_REASONS, Category, Score
from .services.complaints import LIMITS
from .services.ratings import COMMENT_MAX


class ErrorsBesideFields(forms.Form):
    def error_show(self, error: ApplicationError) -> None:
        """Put a domain error beside the field it concerns (dots read as underscores), else above the form."""
        name = error.field.replace(".", "_")
        self.add_error(name if name in self.fields else None, error.render())


class RatingForm(ErrorsBesideFields):
    score = forms.ChoiceField(
        label=_("How satisfied are you with the handling of your dossier?"),
        choices=Score.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose satisfied, neither, or dissatisfied.")},
    )
    reasons = forms.MultipleChoiceField(
        label=_("What mattered most? (any number)"),
        choices=[(code, label) for code, label in RATING_REASONS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
    )


def _text(label: Any, most: int, *, rows: int = 0, required: bool = True, **attrs: Any) -> forms.CharField:
    widget = (
        forms.Textarea(attrs={"rows": rows, "maxlength": most})
        if rows
        else forms.TextInput(attrs={"maxlength": most, **attrs})
    )
    return forms.CharField(label=label, max_length=most, required=required, widget=widget)


class ComplaintForm(ErrorsBesideFields):
    """A signed-in citizen's petition: optionally about one of their dossiers."""

    category = forms.ChoiceField(label=_("Your petition is about"), choices=Category.choices)
    dossier = forms.ChoiceField(label=_("Which dossier (optional)"), required=False)
    province = forms.ModelChoiceField(
        label=_("Province (when not about a dossier)"), queryset=Province.objects.order_by("name"), required=False
    )
    subject = _text(_("Subject"), LIMITS["subject"])
    body = _text(_("Your petition"), LIMITS["body"], rows=8)
    phone = _text(_("Phone"), 20, required=False, autocomplete="tel", inputmode="tel")
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)

    def __init__(self, *args: Any, dossier_codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dossier"].choices = [("", _("Not about a dossier")), *((c, c) for c in dossier_codes)]  # type: ignore[attr-defined]


class GuestComplaintForm(ErrorsBesideFields):
    """A petition about a dossier by someone not signed in: the code and secret of the receipt prove it is theirs."""

    name = _text(_("Full name"), LIMITS["name"], autocomplete="name")
    phone = _text(_("Phone"), 20, required=False, autocomplete="tel", inputmode="tel")
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    dossier_code = _text(_("Dossier code"), 60, autocomplete="off", autocapitalize="characters")
    secret = _text(_("Lookup secret"), 24, autocomplete="off", autocapitalize="characters")
    category = forms.ChoiceField(label=_("Your petition is about"), choices=Category.choices)
    subject = _text(_("Subject"), LIMITS["subject"])
    body = _text(_("Your petition"), LIMITS["body"], rows=8)


class TextForm(ErrorsBesideFields):
    text = _text(_("Text"), LIMITS["text"], rows=6, required=False)


class PeriodForm(ErrorsBesideFields):
    tu = DayField(label=_("From"), required=False)
    den = DayField(label=_("To"), required=False)

    def period(self) -> tuple[date, date]:
        today = local_date()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start = data.get("tu") or today.replace(day=1)
        end = data.get("den") or today
        return start, end

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("tu") and data.get("den") and data["den"] < data["tu"]:
            self.error_show(errors.period_invalid())
        return data
