"""The forms of the filer's steps, the online inbox and assisted filing. Choices are posted as text and resolved
here (never a model lookup of whatever number is posted: a huge one is just "not a choice"); files are checked by
the service, as the counter's scans are."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import ReceivingPoint
from motcua.core.input_guard import stored_int
from motcua.documents.models import Document
from motcua.dossiers.models import ReturnMethod
from motcua.dossiers.services.receive import version_parts
from motcua.localities.models import Commune
from motcua.procedures.fee_forms import add_fee_fields, chosen_lines
from motcua.procedures.fees import fee_choices
from motcua.procedures.models import Component, ProcedureVersion

from .eform import commune_choices, served_communes
from .models import OnlineSubmission

ACCEPT = "application/pdf,image/jpeg,image/png,image/tiff"


def _choice(field: forms.Field) -> forms.ChoiceField:
    assert isinstance(field, forms.ChoiceField)
    return field


class PointForm(forms.Form):
    receiving_point = forms.ChoiceField(label=_("Receiving point"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, points: list[ReceivingPoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self.fields["receiving_point"]).choices = [
            (str(p.pk), f"{p.name} — {p.address}, {p.commune.name}") for p in points
        ]

    def point_id(self) -> int | None:
        return stored_int(self.cleaned_data["receiving_point"])


def document_label(document: Document) -> str:
    valid_until = _("valid until")  # translated outside the f-string, where makemessages finds it
    valid = f" ({valid_until} {document.valid_until:%d/%m/%Y})" if document.valid_until else ""
    return f"{document.title} — {document.created_at:%d/%m/%Y}{valid}"


class PapersForm(forms.Form):
    """For each paper of the checklist: a file to upload, or a document of the applicant's own data store; and one
    more paper (what a supplement request names that the checklist does not)."""

    extra_label = forms.CharField(label=_("Other paper: its name"), required=False, max_length=255)
    extra_file = forms.FileField(
        label=_("Other paper: the file"), required=False, widget=forms.FileInput(attrs={"accept": ACCEPT})
    )

    def __init__(self, *args: Any, components: list[Component], documents: list[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.components = components
        reuse = [("", _("No: I upload a file"))] + [(str(d.uid), document_label(d)) for d in documents]
        for component in components:
            self.fields[f"file_{component.pk}"] = forms.FileField(
                label=_("File (PDF, JPEG, PNG or TIFF)"),
                required=False,
                widget=forms.FileInput(attrs={"accept": ACCEPT}),
            )
            if documents:
                self.fields[f"reuse_{component.pk}"] = forms.ChoiceField(
                    label=_("Or reuse a document of my data store"), required=False, choices=reuse
                )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "component": c,
                "file": self[f"file_{c.pk}"],
                "reuse": self[f"reuse_{c.pk}"] if f"reuse_{c.pk}" in self.fields else None,
            }
            for c in self.components
        ]


class ResultForm(forms.Form):
    """Step 4: how the result comes back, and which fee lines apply when the procedure offers alternatives."""

    return_method = forms.ChoiceField(label=_("How do you want the result?"), widget=forms.RadioSelect)
    return_commune = forms.ChoiceField(label=_("Delivery commune or ward (today's)"), required=False)
    return_address = forms.CharField(
        label=_("Delivery address (house number, street, hamlet)"), required=False, max_length=255
    )

    def __init__(self, *args: Any, version: ProcedureVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        methods = [
            (ReturnMethod.COUNTER, _("I collect it at the receiving point")),
            (ReturnMethod.ELECTRONIC, _("Electronically: I download the signed result from my account")),
        ]
        if version.postal_return:
            methods.insert(1, (ReturnMethod.POST, _("By post to my address (postage below)")))
        _choice(self.fields["return_method"]).choices = methods
        _choice(self.fields["return_commune"]).choices = commune_choices()
        self.choices = fee_choices(version_parts(version).fees)
        add_fee_fields(self, self.choices, exemption=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("return_method") == ReturnMethod.POST:
            if not data.get("return_commune"):
                self.add_error("return_commune", _("Choose the commune of the delivery address."))
            if not (data.get("return_address") or "").strip():
                self.add_error("return_address", _("A result returned by post needs a delivery address."))
        return data

    def commune(self) -> Commune | None:
        code = self.cleaned_data.get("return_commune") or ""
        return served_communes().filter(code=code).first() if code else None

    def fee_lines(self) -> dict[int, int]:
        return chosen_lines(self.cleaned_data, self.choices)

    def fee_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("fee_")]


# --- the online inbox ------------------------------------------------------------------------------------------


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    point = forms.ChoiceField(label=_("Receiving point"), required=False)
    q = forms.CharField(label=_("Reference, ID number, name or procedure code"), required=False, max_length=100)

    def __init__(self, *args: Any, points: list[ReceivingPoint], statuses: list[tuple[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choice(self.fields["status"]).choices = statuses
        _choice(self.fields["point"]).choices = [("", _("all"))] + [(str(p.pk), p.name) for p in points]


class DecisionForm(forms.Form):
    """One of the three decisions; the lead agency is among those the point serves (pre-chosen when it serves one)."""

    lead_agency = forms.ChoiceField(label=_("Lead agency"))
    items = forms.CharField(
        label=_("What to complete (one a line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(label=_("Why"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    reasons = forms.CharField(
        label=_("Reasons for refusing (one a line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, submission: OnlineSubmission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        point = submission.receiving_point
        agencies = list(point.serves.order_by("name")) if point is not None else []
        choices = [(str(a.pk), a.name) for a in agencies]
        _choice(self.fields["lead_agency"]).choices = choices if len(choices) == 1 else [("", "—"), *choices]

    def lead_agency_id(self) -> int | None:
        return stored_int(self.cleaned_data.get("lead_agency") or "")


# --- assisted filing -------------------------------------------------------------------------------------------


class AssistStartForm(forms.Form):
    id_number = forms.RegexField(
        label=_("Citizen's ID number or tax code"),
        regex=r"^[0-9]{10}$|^[0-9]{12,13}$",
        max_length=20,
        error_messages={"invalid": _("Enter a 12-digit citizen ID number, or a 10- or 13-digit tax code.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "autofocus": True}),
    )

    def clean_id_number(self) -> str:
        return "".join(self.cleaned_data["id_number"].split())


class ConsentCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code the citizen received"),
        regex=r"^[0-9]{6}$",
        max_length=6,
        error_messages={"invalid": _("The code has 6 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )
