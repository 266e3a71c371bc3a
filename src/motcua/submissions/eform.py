"""The e-form of an online submission: what the applicant fills in besides the papers.

It is what every reception records about an applicant (the reception's ``Applicant``: name, birth date, contacts,
address and commune, an authorized representative), then the fields the procedure version declares
(``ProcedureVersion.eform_fields``, docs/submissions.md "The e-form"), or, for a version that declares none, the
content of the request in the applicant's words. The form data is stored as JSON under the field names and checked
against this same form, built from the submission's own version, again when it is submitted and when it is accepted.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.dossiers.services.applicant import applicant_check
from motcua.localities.models import Commune
from motcua.procedures import eform as declared
from motcua.procedures.specs import EFormFieldSpec

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

    def __init__(
        self, *args: Any, id_number: str, declared_fields: tuple[EFormFieldSpec, ...] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.id_number = id_number
        self.eform_specs = declared_fields
        communes = commune_choices()
        commune = self.fields["applicant_commune"]
        assert isinstance(commune, forms.ChoiceField)
        commune.choices = communes
        if declared_fields:
            del self.fields["request_content"]
        for spec in declared_fields:
            self.fields[spec.key] = declared_field(spec, communes=communes)

    def applicant_fields(self) -> list[forms.BoundField]:
        keys = {spec.key for spec in self.eform_specs}
        return [self[name] for name in self.fields if name not in keys]

    def request_fields(self) -> list[forms.BoundField]:
        """The fields the procedure declares, in their order."""
        return [self[spec.key] for spec in self.eform_specs]

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
            name: value.isoformat() if isinstance(value, date) else ("" if value is None else str(value))
            for name, value in valid.items()
        }


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


YES_NO = (("yes", _("Yes")), ("no", _("No")))


def declared_field(spec: EFormFieldSpec, *, communes: list[tuple[str, str]]) -> forms.Field:
    """The form field of a declared e-form field: its label in the page's language (English when given), its help,
    its bounds. Every value is checked here, so a stored value can be checked again the same way."""
    english = (get_language() or "vi").startswith("en")
    common: dict[str, Any] = {
        "label": spec.label_en if english and spec.label_en else spec.label,
        "required": spec.required,
        "help_text": spec.help,
    }
    kind = spec.type
    if kind in declared.TEXT_TYPES:
        limit = spec.max_length or declared.TEXT_MAX_LENGTH[kind]
        widget = forms.Textarea(attrs={"rows": 3}) if kind == declared.LONG_TEXT else None
        return forms.CharField(max_length=limit, widget=widget, **common)
    if kind == declared.DATE:
        return forms.DateField(input_formats=DATE_FORMATS, widget=_date_widget(), **common)
    if kind == declared.NUMBER:
        low = spec.min if spec.min is not None else -declared.NUMBER_LIMIT
        high = spec.max if spec.max is not None else declared.NUMBER_LIMIT
        return forms.IntegerField(min_value=low, max_value=high, widget=forms.NumberInput(), **common)
    if kind == declared.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *spec.options], **common)
    if kind == declared.YES_NO:
        return forms.ChoiceField(choices=[("", "—"), *YES_NO], **common)
    if kind == declared.ID_NUMBER:
        return forms.RegexField(
            regex=CITIZEN_ID_PATTERN,
            max_length=12,
            error_messages={"invalid": _("Enter the 12-digit citizen ID number.")},
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            **common,
        )
    if kind == declared.PHONE:
        return forms.RegexField(
            regex=r"^\+?[0-9]{8,15}$",
            max_length=20,
            error_messages={"invalid": PHONE_MESSAGE},
            widget=forms.TextInput(attrs={"type": "tel"}),
            **common,
        )
    if kind == declared.EMAIL:
        return forms.EmailField(max_length=254, **common)
    return forms.ChoiceField(choices=communes, **common)  # declared.COMMUNE


def stored_initial(form_data: dict[str, Any], declared_fields: tuple[EFormFieldSpec, ...] = ()) -> dict[str, Any]:
    """The stored data as the form's initial values (an ISO date back to a date, shown dd/mm/yyyy)."""
    initial = dict(form_data)
    dates = ["applicant_birth_date"] + [spec.key for spec in declared_fields if spec.type == declared.DATE]
    for name in dates:
        if initial.get(name):
            try:
                initial[name] = date.fromisoformat(str(initial[name]))
            except ValueError:
                initial[name] = ""
    return initial


def declared_values(form_data: dict[str, Any], declared_fields: tuple[EFormFieldSpec, ...]) -> list[tuple[str, str]]:
    """The declared fields' stored values as a person reads them (label, value): dates dd/mm/yyyy, the label of a
    choice, the name of a commune. Fields left empty are left out."""
    english = (get_language() or "vi").startswith("en")
    codes = [str(form_data.get(s.key)) for s in declared_fields if s.type == declared.COMMUNE and form_data.get(s.key)]
    communes = {
        c.code: f"{c.name}, {c.province.name}"
        for c in Commune.objects.filter(code__in=codes).select_related("province")
    }
    rows = []
    for spec in declared_fields:
        value = str(form_data.get(spec.key) or "")
        if not value:
            continue
        if spec.type == declared.DATE:
            with suppress(ValueError):  # a stored value that is not a date is shown as it is
                value = date.fromisoformat(value).strftime("%d/%m/%Y")
        elif spec.type == declared.CHOICE:
            value = dict(spec.options).get(value, value)
        elif spec.type == declared.YES_NO:
            value = str(dict(YES_NO).get(value, value))
        elif spec.type == declared.COMMUNE:
            value = communes.get(value, value)
        rows.append((spec.label_en if english and spec.label_en else spec.label, value))
    return rows


def eform_check(
    *, form_data: dict[str, Any], id_number: str, declared_fields: tuple[EFormFieldSpec, ...] = ()
) -> dict[str, Any]:
    """The stored form data checked against the e-form (with the version's declared fields): its cleaned values, or
    the first error."""
    form = ApplicantForm(
        data={k: v for k, v in form_data.items() if isinstance(v, str)},
        id_number=id_number,
        declared_fields=declared_fields,
    )
    if not form.is_valid():
        field, messages = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        raise errors.form_incomplete(field=field, message=f"{label}: {messages[0]}" if label else str(messages[0]))
    return form.cleaned_data
