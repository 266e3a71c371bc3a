"""Forms of the counter pages: procedure search, reception, hand-over and return of a result.

They parse and check what the clerk typed, and put every error beside its field; the services decide.
An error a service raises is put beside the field it is about (:func:`add_service_error`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.core.identity import CITIZEN_ID_PATTERN, ID_NUMBER_PATTERN
from motcua.core.input_guard import stored_int
from motcua.core.localtime import local_date
from motcua.core.templatetags.motcua import vnd
from motcua.core.text import fold
from motcua.documents.models import Document
from motcua.dossiers.lifecycle import Channel
from motcua.dossiers.models import ApplicantKind, Dossier, DossierComponent, ReturnMethod
from motcua.dossiers.services.applicant import applicant_check
from motcua.dossiers.services.receive import Applicant, ReceivedComponent, Reception, version_parts
from motcua.procedures.fee_forms import EXEMPTION, add_fee_fields, chosen_lines, quote_fees
from motcua.procedures.fees import FeeQuote, fee_choices, fee_quote
from motcua.procedures.models import Component, ProcedureVersion

from .counter_fees import fee_section, quote_postage

ID_NUMBER = RegexValidator(ID_NUMBER_PATTERN, _("Enter a 12-digit citizen ID number, or a 10- or 13-digit tax code."))
CITIZEN_ID = RegexValidator(CITIZEN_ID_PATTERN, _("Enter the 12-digit citizen ID number."))
PHONE = RegexValidator(r"^\+?[0-9]{8,15}$", _("Enter a phone number of 8 to 15 digits."))
SUBMISSION_KEY = RegexValidator(r"^[0-9a-f]{32}$", _("This form is out of date: reload the page."))
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
SCAN_TYPES = ("application/pdf", "image/jpeg", "image/png")
SCAN_MAX_BYTES = 20 * 1024 * 1024


def _digits(value: str) -> str:
    """An ID or phone number as typed, spaces and dots removed ("042 098 001 234" → "042098001234")."""
    return re.sub(r"[\s.\-]", "", value or "")


class DigitsField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return _digits(super().to_python(value) or "")


class ScanField(forms.FileField):
    """A scanned paper: PDF, JPEG or PNG, at most 20 MB."""

    widget = forms.FileInput(attrs={"accept": ",".join(SCAN_TYPES)})

    def validate(self, value: Any) -> None:
        super().validate(value)
        if not isinstance(value, UploadedFile):
            return
        if value.content_type not in SCAN_TYPES:
            raise forms.ValidationError(_("A scan must be a PDF, JPEG or PNG file."), code="scan_type")
        if (value.size or 0) > SCAN_MAX_BYTES:
            raise forms.ValidationError(_("A scan may be at most 20 MB."), code="scan_size")


def add_service_error(form: forms.Form, error: ApplicationError, inputs: dict[str, str] | None = None) -> None:
    """Put a service's error beside the field of the input it concerns (``error.field``), in the language of the
    page; an error about no field of the form goes on top of it.

    The form field is named as the input, dots read as underscores ("applicant.birth_date": applicant_birth_date),
    or as its last part; ``inputs`` names the few a form calls otherwise (input → form field)."""
    name = (inputs or {}).get(error.field) or error.field.replace(".", "_")
    if name not in form.fields:
        name = error.field.rsplit(".", 1)[-1]
    form.add_error(name if name and name in form.fields else None, error.render())


# --- procedure search -------------------------------------------------------------------------------------------


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a procedure"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autofocus": True,
                "autocomplete": "off",
                "enterkeyhint": "search",
                "accesskey": "s",
                "placeholder": _("Code, name or field, with or without accents: khai sinh, 1.001193…"),
            }
        ),
    )

    def query(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


# --- reception --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistRow:
    """One paper of a checklist with its fields: an item of the procedure's checklist at reception (with its
    "reuse a stored document" choice), or an item of a supplement request (with its original-or-copy choice)."""

    component: Any  # a procedure Component, or a supplement item (name, mandatory, pk)
    received: forms.BoundField
    count: forms.BoundField
    scan: forms.BoundField
    reuse: forms.BoundField | None = None
    paper_form: forms.BoundField | None = None

    @property
    def errors(self) -> list[str]:
        fields = (self.received, self.count, self.reuse, self.scan, self.paper_form)
        return [str(error) for field in fields if field is not None for error in field.errors]


def paper_fields_add(form: forms.Form, *, key: Any, name: str, quantity: int) -> None:
    """Add one checklist paper's fields to ``form``: ticked once checked, how many, and its scan. The reception
    and the supplement share them, and :func:`paper_scan_check` and :func:`paper_scans`."""
    about = format_lazy("{}: {}", _("Count"), name)
    form.fields[f"received_{key}"] = forms.BooleanField(label=name, required=False)
    form.fields[f"count_{key}"] = forms.IntegerField(
        label=_("Count"),
        min_value=1,
        max_value=99,
        initial=quantity,
        widget=forms.NumberInput(attrs={"class": "count-input", "inputmode": "numeric", "aria-label": about}),
    )
    form.fields[f"scan_{key}"] = ScanField(
        label=_("Scanned file"),
        required=False,
        widget=forms.FileInput(
            attrs={"accept": ",".join(SCAN_TYPES), "aria-label": format_lazy("{}: {}", _("Scanned file"), name)}
        ),
    )


def paper_scan_check(form: forms.Form, data: dict[str, Any], *, key: Any, received: bool) -> None:
    """A scan belongs to a paper ticked as received."""
    if data.get(f"scan_{key}") and not received:
        form.add_error(f"scan_{key}", _("Tick the paper this file is the scan of."))


def paper_scans(data: dict[str, Any], keys: list[Any]) -> dict[Any, UploadedFile]:
    """The scans chosen, by paper key."""
    return {key: data[f"scan_{key}"] for key in keys if data.get(f"scan_{key}")}


def stored_document_label(paper: DossierComponent) -> str:
    received = paper.dossier.received_at
    return f"{paper.name} — {paper.dossier.code} ({received:%d/%m/%Y})"


def data_store_label(document: Document) -> str:
    # The words are translated outside the f-strings, where makemessages finds them.
    valid_until, data_store = _("valid until"), _("data store")
    valid = f", {valid_until} {document.valid_until:%d/%m/%Y}" if document.valid_until else ""
    return f"{document.title} — {data_store} ({document.created_at:%d/%m/%Y}{valid})"


def stored_document_ref(paper: DossierComponent) -> str:
    """What a reused paper records as its source: the data-store reference, else the kept scan's name."""
    return paper.document_ref or paper.file.name or ""


def _about(label: Any, component: Component) -> Any:
    """An accessible name for a checklist cell: "Count: Tờ khai"."""
    return format_lazy("{}: {}", label, component.name)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(text)))


def _lead_agency_guess(agencies: list[Agency], version: ProcedureVersion) -> Agency | None:
    """The agency to pre-select: the only one served, else the one whose name shares most words with the
    procedure's competent agency ("Sở Tư pháp" → "Sở Tư pháp tỉnh Hà Tĩnh"), when that is clear."""
    if len(agencies) == 1:
        return agencies[0]
    authority = _words(version.competent_authority)
    scored = sorted(((len(authority & _words(a.name)), a.pk, a) for a in agencies), key=lambda t: t[:2], reverse=True)
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][2]


class ReceptionForm(forms.Form):
    """Receiving a dossier at the counter: where, for which agency, from whom, which papers, fees, return.

    ``points``: the receiving points the clerk may receive at; ``stored``: the applicant's papers kept from
    earlier dossiers (reusable instead of a paper).
    """

    submission_key = forms.CharField(widget=forms.HiddenInput, validators=[SUBMISSION_KEY], max_length=32)
    receiving_point = forms.ModelChoiceField(
        label=_("Receiving point"), queryset=ReceivingPoint.objects.none(), empty_label=None
    )
    lead_agency = forms.ModelChoiceField(
        label=_("Lead agency"), queryset=Agency.objects.none(), empty_label=pgettext_lazy("select", "Choose…")
    )

    applicant_kind = forms.ChoiceField(
        label=_("Applicant is"),
        choices=[(ApplicantKind.CITIZEN, _("A person")), (ApplicantKind.ORGANIZATION, _("An organization"))],
        initial=ApplicantKind.CITIZEN,
        widget=forms.RadioSelect,
    )
    applicant_id_number = DigitsField(
        label=_("ID number or tax code"),
        max_length=20,
        validators=[ID_NUMBER],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "accesskey": "i"}),
    )
    applicant_name = forms.CharField(label=_("Full name or organization name"), max_length=255)
    applicant_birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    applicant_phone = DigitsField(
        label=_("Phone"),
        required=False,
        max_length=20,
        validators=[PHONE],
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    applicant_email = forms.EmailField(label=_("E-mail"), required=False)
    applicant_address = forms.CharField(label=_("Address"), max_length=255)
    representative_name = forms.CharField(label=_("Authorized representative"), required=False, max_length=255)
    representative_id_number = DigitsField(
        label=_("Representative's ID number"),
        required=False,
        max_length=20,
        validators=[CITIZEN_ID],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    representative_address = forms.CharField(label=_("Representative's address"), required=False, max_length=255)
    representative_phone = forms.CharField(
        label=_("Representative's phone"),
        required=False,
        max_length=20,
        validators=[PHONE],
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    representative_email = forms.EmailField(label=_("Representative's e-mail"), required=False)
    authorization_document = forms.CharField(label=_("Authorization paper"), required=False, max_length=255)

    fees_paid = forms.IntegerField(
        label=_("Fees paid (VND)"),
        min_value=0,
        required=False,
        help_text=_("Empty: the whole amount charged is paid now."),
        widget=forms.NumberInput(attrs={"step": 1000, "inputmode": "numeric"}),
    )
    return_method = forms.ChoiceField(label=_("Result returned"), widget=forms.RadioSelect)
    return_address = forms.CharField(label=_("Delivery address"), required=False, max_length=255)

    supplement_items = forms.CharField(
        label=_("Other things to complete (one a line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    refusal_reasons = forms.CharField(
        label=_("Reasons for refusing (one a line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        version: ProcedureVersion,
        points: QuerySet[ReceivingPoint],
        stored: list[DossierComponent] | None = None,
        documents: dict[int, list[Document]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.components = list(version.components.all())
        self.fee_choices = fee_choices(version_parts(version).fees)
        self.fee_quote: FeeQuote | None = None
        self.postage: int | None = None
        self.postage_error = ""
        self.stored = {f"p{paper.pk}": paper for paper in stored or []}
        # Documents of the citizen data store that satisfy a checklist item, by the item's id.
        self.documents = documents or {}
        self.stored_documents = {f"d{d.uid}": d for found in self.documents.values() for d in found}
        self.missing: list[Component] = []

        point_field = self.fields["receiving_point"]
        assert isinstance(point_field, forms.ModelChoiceField)
        point_field.queryset = points
        point = self._chosen_point(points)
        if point is not None:
            self.initial.setdefault("receiving_point", point.pk)
        agencies = list(point.serves.order_by("name")) if point is not None else []
        agency_field = self.fields["lead_agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by("name")
        guess = _lead_agency_guess(agencies, version)
        if guess is not None:
            self.initial.setdefault("lead_agency", guess.pk)

        add_fee_fields(self, self.fee_choices)
        if not self.is_bound and not self.fee_choices.groups:
            self.fee_quote = fee_quote(fees=self.fee_choices.lines)  # nothing to choose: the quote is known

        methods = [(ReturnMethod.COUNTER, _("At the counter where it was received"))]
        if version.postal_return:
            methods.append((ReturnMethod.POST, _("By post to the address below")))
        return_field = self.fields["return_method"]
        assert isinstance(return_field, forms.ChoiceField)
        return_field.choices = methods
        self.initial.setdefault("return_method", ReturnMethod.COUNTER)

        reuse_choices = [("", _("No: the paper is handed in"))] + [
            (key, stored_document_label(paper)) for key, paper in self.stored.items()
        ]
        for component in self.components:
            pk = component.pk
            paper_fields_add(self, key=pk, name=component.name, quantity=component.quantity)
            in_store = [(f"d{d.uid}", data_store_label(d)) for d in self.documents.get(pk, [])]
            self.fields[f"reuse_{pk}"] = forms.ChoiceField(
                label=_("Reuse a stored document"),
                required=False,
                choices=[*reuse_choices, (_("Citizen data store"), in_store)] if in_store else reuse_choices,
                widget=forms.Select(attrs={"aria-label": _about(_("Reuse a stored document"), component)}),
            )

    def _chosen_point(self, points: QuerySet[ReceivingPoint]) -> ReceivingPoint | None:
        """The point the form is for: the one posted (when it is the clerk's), else the clerk's first."""
        raw = str((self.data.get("receiving_point") if self.is_bound else self.initial.get("receiving_point")) or "")
        chosen = points.filter(pk=pk).first() if (pk := stored_int(raw)) is not None else None
        return chosen or points.first()

    # --- what the template shows ---

    def checklist(self) -> list[ChecklistRow]:
        return [
            ChecklistRow(
                component=c,
                received=self[f"received_{c.pk}"],
                count=self[f"count_{c.pk}"],
                reuse=self[f"reuse_{c.pk}"],
                scan=self[f"scan_{c.pk}"],
            )
            for c in self.components
        ]

    @property
    def scans_lost(self) -> bool:
        """Files sent with a form that comes back with errors are not kept: the browser cannot refill them."""
        return self.is_bound and bool(self.files)

    @property
    def checklist_errors(self) -> bool:
        return any(row.errors for row in self.checklist()) or bool(self.missing)

    # --- checks ---

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.missing = []
        for component in self.components:
            received = data.get(f"received_{component.pk}") or data.get(f"reuse_{component.pk}")
            if component.mandatory and not received:
                self.missing.append(component)
                self.add_error(
                    f"received_{component.pk}",
                    _("Mandatory: tick it once the paper is checked, or reuse a stored one."),
                )
            paper_scan_check(self, data, key=component.pk, received=bool(received))
        self.fee_quote = quote_fees(self, self.fee_choices, data)
        paid = data.get("fees_paid")
        if self.fee_quote is not None and paid is not None and paid > self.fee_quote.total:
            self.add_error(
                "fees_paid",
                _("The fees paid cannot exceed the fees charged (%(total)s).") % {"total": vnd(self.fee_quote.total)},
            )
        if data.get("return_method") == ReturnMethod.POST:
            self.postage, self.postage_error = quote_postage(data.get("receiving_point"))
        if data.get("return_method") == ReturnMethod.POST and not (data.get("return_address") or "").strip():
            self.add_error("return_address", _("A result returned by post needs a delivery address."))
        if data.get("representative_name") and not data.get("representative_id_number"):
            self.add_error("representative_id_number", _("Enter the representative's ID number."))
        self._applicant_checks(data)
        return data

    def _applicant_checks(self, data: dict[str, Any]) -> None:
        """The service's refusals of impossible identity data, beside their field before anything is sent."""
        try:
            applicant_check(
                id_number=data.get("applicant_id_number") or "",
                birth_date=data.get("applicant_birth_date"),
                today=local_date(),
            )
        except ApplicationError as error:
            self.add_service_error(error)

    def clean_applicant_name(self) -> str:
        return " ".join(self.cleaned_data["applicant_name"].split())

    # --- what the service receives ---

    @property
    def fee_quote_pending(self) -> bool:
        """An alternative is still to be chosen before the fees are known."""
        return self.fee_quote is None and bool(self.fee_choices.groups)

    def fees(self) -> dict[str, Any]:
        """The fee section of the page: lines that apply, alternatives to choose, copies to ask for."""
        return fee_section(self, self.fee_choices)

    def reception(self) -> Reception:
        data = self.cleaned_data
        assert self.fee_quote is not None  # a valid form has quoted its fees
        components = []
        scans = self.scans()
        for component in self.components:
            choice = data.get(f"reuse_{component.pk}") or ""
            reused = self.stored.get(choice)
            document = self.stored_documents.get(choice)
            if not (data.get(f"received_{component.pk}") or reused or document):
                continue
            components.append(
                ReceivedComponent(
                    name=component.name,
                    form=component.form,
                    count=data.get(f"count_{component.pk}") or component.quantity,
                    component_id=component.pk,
                    document_ref=str(document.uid) if document else stored_document_ref(reused) if reused else "",
                    reused=reused is not None or document is not None,
                    document=document,
                    scan=scans.get(component.pk),
                )
            )
        method = ReturnMethod(data["return_method"])
        return Reception(
            procedure_version=self.version,
            receiving_point=data["receiving_point"],
            lead_agency=data["lead_agency"],
            channel=Channel.COUNTER,
            applicant=Applicant(
                kind=ApplicantKind(data["applicant_kind"]),
                name=data["applicant_name"],
                id_number=data["applicant_id_number"],
                address=data["applicant_address"].strip(),
                birth_date=data.get("applicant_birth_date"),
                phone=data.get("applicant_phone") or "",
                email=data.get("applicant_email") or "",
                representative_name=data.get("representative_name") or "",
                representative_id_number=data.get("representative_id_number") or "",
                representative_address=(data.get("representative_address") or "").strip(),
                representative_phone=data.get("representative_phone") or "",
                representative_email=data.get("representative_email") or "",
                authorization_document=data.get("authorization_document") or "",
            ),
            components=components,
            return_method=method,
            return_address=(data.get("return_address") or "").strip() if method == ReturnMethod.POST else "",
            fee_lines=chosen_lines(data, self.fee_choices),
            fee_exemption=data.get(EXEMPTION) or "",
            fees_paid=self.fee_quote.total if data.get("fees_paid") is None else data["fees_paid"],
            return_postage=self.postage if method == ReturnMethod.POST else None,
            submission_key=data["submission_key"],
        )

    def scans(self) -> dict[int, UploadedFile]:
        return paper_scans(self.cleaned_data, [c.pk for c in self.components])

    def add_service_error(self, error: ApplicationError) -> None:
        add_service_error(self, error)


# --- hand-over --------------------------------------------------------------------------------------------------


class HandOverForm(forms.Form):
    """One batch: the dossiers of one receiving point for one lead agency."""

    point = forms.ModelChoiceField(queryset=ReceivingPoint.objects.none(), widget=forms.HiddenInput)
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), widget=forms.HiddenInput)
    dossiers = forms.ModelMultipleChoiceField(
        queryset=Dossier.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one dossier to hand over.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(
        self, *args: Any, points: QuerySet[ReceivingPoint], dossiers: QuerySet[Dossier], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        point_field = self.fields["point"]
        dossier_field = self.fields["dossiers"]
        assert isinstance(point_field, forms.ModelChoiceField)
        assert isinstance(dossier_field, forms.ModelMultipleChoiceField)
        point_field.queryset = points
        # Any dossier of the clerk's points: a resent form names dossiers handed over since, and the service
        # answers the hand-over that took them.
        dossier_field.queryset = dossiers


# --- return of a result -----------------------------------------------------------------------------------------


class ReturnSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Dossier code or ID number"),
        required=False,
        max_length=60,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autofocus": True,
                "autocomplete": "off",
                "accesskey": "s",
                "enterkeyhint": "search",
            }
        ),
    )

    def query(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


class ReturnForm(forms.Form):
    """Who collected the result. The rule (name, valid ID number, identity paper checked; relation and authorization
    paper for someone other than the applicant) is the service's, ``collector_check``, shared with the postman's
    delivery: its errors are put beside these fields."""

    expected_seq = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    collector_name = forms.CharField(
        label=_("Collected by (full name)"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"autofocus": True}),
    )
    collector_id_number = DigitsField(
        label=_("Collector's ID number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    identity_checked = forms.BooleanField(label=_("Identity paper checked against the collector"), required=False)
    collector_relation = forms.CharField(
        label=_("Relation to the applicant"),
        required=False,
        max_length=100,
        help_text=_("Spouse, child, employee…"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    collector_authorization = forms.CharField(
        label=_("Authorization paper shown"),
        required=False,
        max_length=255,
        help_text=_("The paper, its number and date."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def add_service_error(self, error: ApplicationError) -> None:
        add_service_error(self, error)
