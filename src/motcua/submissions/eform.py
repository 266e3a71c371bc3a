"""The e-form of an online submission: what the applicant fills in besides the papers.

The procedure catalogue has no field-by-field specification of an electronic form (docs/submissions.md, "The
e-form"), so the e-form is derived from what every reception records about an applicant (the reception's
``Applicant``: name, birth date, contacts, address and commune, an authorized representative) plus the content of
the request in the applicant's words; the procedure's own declaration forms (checklist items with a form template)
are papers, filled in and uploaded on the papers step. The form data is stored as JSON and checked against this
same form again when the submission is submitted and when it is accepted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.dossiers.services.applicant import applicant_check
from motcua.localities.models import Commune

from . import errors

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
PHONE_MESSAGE = _("Enter a phone number of 8 to 15 digits.")
CITIZEN_ID_PATTERN = r"^[0-9]{12}$"


def served_communes() -> QuerySet[Commune]:
    """Today's communes of the provinces where a receiving point works (the applicant's commune, the commune of a
    delivery address): a short list, not the whole country."""
    provinces = ReceivingPoint.objects.filter(is_active=True, is_training=False).values("commune__province")
    return Commune.objects.filter(province__in=provinces).select_related("province").order_by("province__name", "name")


def commune_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(c.code, f"{c.name}, {c.province.name}") for c in served_communes()]


class ApplicantForm(forms.Form):
    """Step 2: the applicant's data. The ID number is the account's and is not typed."""

    applicant_name = forms.CharField(label=_("Full name or organization name"), max_length=255)
    applicant_birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    applicant_phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?[0-9]{8,15}$",
        max_length=20,
        error_messages={"invalid": PHONE_MESSAGE},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    applicant_email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    applicant_address = forms.CharField(label=_("Address"), max_length=255)
    applicant_commune = forms.ChoiceField(label=_("Commune or ward (today's)"))
    representative_name = forms.CharField(label=_("Authorized representative"), required=False, max_length=255)
    representative_id_number = forms.RegexField(
        label=_("Representative's ID number"),
        regex=CITIZEN_ID_PATTERN,
        required=False,
        max_length=12,
        error_messages={"invalid": _("Enter the 12-digit citizen ID number.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    representative_phone = forms.RegexField(
        label=_("Representative's phone"),
        regex=r"^\+?[0-9]{8,15}$",
        required=False,
        max_length=20,
        error_messages={"invalid": PHONE_MESSAGE},
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    authorization_document = forms.CharField(label=_("Authorization paper"), required=False, max_length=255)
    request_content = forms.CharField(
        label=_("What you request"),
        required=False,
        max_length=2000,
        help_text=_("In your own words, when the declaration form does not say it all."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, id_number: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.id_number = id_number
        commune = self.fields["applicant_commune"]
        assert isinstance(commune, forms.ChoiceField)
        commune.choices = commune_choices()

    def clean_applicant_name(self) -> str:
        return " ".join(self.cleaned_data["applicant_name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("representative_name") and not data.get("representative_id_number"):
            self.add_error("representative_id_number", _("Enter the representative's ID number."))
        if "applicant_birth_date" in data:
            try:
                applicant_check(id_number=self.id_number, birth_date=data["applicant_birth_date"], today=local_date())
            except ApplicationError as error:
                self.add_error("applicant_birth_date", error.render())
        return data

    def stored(self) -> dict[str, str]:
        """What the valid fields store (dates as ISO text); a field with an error keeps what was saved before."""
        data = getattr(self, "cleaned_data", {})
        valid = {name: value for name, value in data.items() if name not in self.errors}
        return {
            name: value.isoformat() if isinstance(value, date) else str(value or "") for name, value in valid.items()
        }


def stored_initial(form_data: dict[str, Any]) -> dict[str, Any]:
    """The stored data as the form's initial values (an ISO date back to a date, shown dd/mm/yyyy)."""
    initial = dict(form_data)
    birth = initial.get("applicant_birth_date")
    if birth:
        try:
            initial["applicant_birth_date"] = date.fromisoformat(str(birth))
        except ValueError:
            initial["applicant_birth_date"] = ""
    return initial


def eform_check(*, form_data: dict[str, Any], id_number: str) -> dict[str, Any]:
    """The stored form data checked against the e-form: its cleaned values, or the first error."""
    form = ApplicantForm(data={k: v for k, v in form_data.items() if isinstance(v, str)}, id_number=id_number)
    if not form.is_valid():
        field, messages = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        raise errors.form_incomplete(field=field, message=f"{label}: {messages[0]}" if label else str(messages[0]))
    return form.cleaned_data
