"""Forms of the postal pages: the operations filters, assigning a postman, and the postman's reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.dossiers.services.receive import ReceivedComponent
from motcua.postal.models import OrderKind, OrderStatus, PostalOrder
from motcua.procedures.models import ComponentForm

from .counter_forms import add_service_error


class OrderFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrderKind.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *OrderStatus.choices]
    )
    commune = forms.ChoiceField(label=_("Commune"), required=False)
    postman = forms.ChoiceField(label=_("Postman"), required=False)
    day = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, orders: QuerySet[PostalOrder], postmen: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        communes = orders.order_by("commune__name").values_list("commune_id", "commune__name").distinct()
        commune, postman = self.fields["commune"], self.fields["postman"]
        assert isinstance(commune, forms.ChoiceField) and isinstance(postman, forms.ChoiceField)
        commune.choices = [("", _("All communes")), *[(str(c), n) for c, n in communes]]
        postman.choices = [
            ("", _("All postmen")),
            ("none", _("Nobody yet")),
            *[(str(p.pk), p.get_full_name() or p.get_username()) for p in postmen],
        ]

    def apply(self, orders: QuerySet[PostalOrder]) -> QuerySet[PostalOrder]:
        from .postal_query import on_day

        if not self.is_valid():
            return orders
        data = self.cleaned_data
        if data["kind"]:
            orders = orders.filter(kind=data["kind"])
        if data["status"]:
            orders = orders.filter(status=data["status"])
        if data["commune"]:
            orders = orders.filter(commune_id=data["commune"])
        if data["postman"] == "none":
            orders = orders.filter(postman__isnull=True)
        elif data["postman"]:
            orders = orders.filter(postman_id=data["postman"])
        if data["day"]:
            orders = on_day(orders, data["day"])
        return orders


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


class AssignForm(forms.Form):
    postman: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Postman"), queryset=None, empty_label=_("Choose a postman")
    )

    def __init__(self, *args: Any, postmen: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["postman"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = postmen
        field.label_from_instance = _person  # type: ignore[method-assign,assignment]


NUMERIC = {"inputmode": "numeric"}


class HandOverCheckForm(forms.Form):
    """The clerk's check when the postman hands a collected dossier to the one-stop: the seal number read on the
    envelope, the papers checked against the signed list, remarks."""

    seal_number = forms.CharField(
        label=_("Seal number read on the envelope"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    papers_checked = forms.BooleanField(
        label=_("The papers in the envelope match the signed list"),
        error_messages={"required": _("Check the papers against the signed list before receiving them.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def add_service_error(self, error: ApplicationError) -> None:
        add_service_error(self, error)


class ReportForm(forms.Form):
    """A postman's report on an order. ``expected_status`` is the state the page showed: an order that moved
    since (a colleague, the carrier) is answered as stale instead of being acted on blindly."""

    expected_status = forms.CharField(widget=forms.HiddenInput)

    def add_service_error(self, error: ApplicationError) -> None:
        add_service_error(self, error)


class CollectForm(ReportForm):
    papers = forms.TypedMultipleChoiceField(
        label=_("Papers collected"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    fees_paid = forms.IntegerField(
        label=_("Fees paid (VND)"), min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    postage_paid = forms.IntegerField(
        label=_("Postage paid (VND)"), min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    seal_number = forms.CharField(
        label=_("Seal number"),
        max_length=40,
        help_text=_("The number printed on the seal of the envelope."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    # Data URLs of the PNGs drawn on the two signature pads (desk/signature.js).
    signature_postman = forms.CharField(widget=forms.HiddenInput, required=False)
    signature_applicant = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, order: PostalOrder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = order.procedure_version
        self.components = {c.pk: c for c in version.components.all()} if version is not None else {}
        papers = self.fields["papers"]
        assert isinstance(papers, forms.ChoiceField)
        if_any = _("if any")  # outside the f-string, where makemessages finds it
        papers.choices = [
            (pk, f"{c.name} (× {c.quantity})" + ("" if c.mandatory else f" — {if_any}"))
            for pk, c in self.components.items()
        ]
        # Circular 17/2017 art. 5: the list says of each paper whether it is an original or a copy. The
        # postman records what he was handed; a paper the catalogue asks "original or copy" has no default.
        for pk, c in self.components.items():
            self.fields[paper_form_field(pk)] = forms.ChoiceField(
                label=_("Original or copy"),
                choices=[("", "—"), *[(f.value, f.label) for f in HANDED_FORMS]],
                required=False,
                initial=c.form if c.form in HANDED_FORMS else "",
            )

    def paper_rows(self) -> list[tuple[Any, Any]]:
        """Each paper's tick box beside its original-or-copy choice, for the template."""
        return [(box, self[paper_form_field(int(box.data["value"]))]) for box in self["papers"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for pk in data.get("papers") or []:
            if not data.get(paper_form_field(pk)):
                self.add_error(paper_form_field(pk), _("Say whether this paper is an original or a copy."))
        return data

    def received(self) -> list[ReceivedComponent]:
        return [
            ReceivedComponent(
                name=c.name, form=self.cleaned_data[paper_form_field(pk)], count=c.quantity, component_id=c.pk
            )
            for pk, c in self.components.items()
            if pk in self.cleaned_data["papers"]
        ]


# What a postman can be handed for a paper (ComponentForm): the catalogue's "original or copy" is a choice,
# not something handed over.
HANDED_FORMS = (ComponentForm.ORIGINAL, ComponentForm.CERTIFIED_COPY, ComponentForm.COPY)


def paper_form_field(component_id: int) -> str:
    return f"paper_form_{component_id}"


class DeliveredForm(ReportForm):
    recipient_name = forms.CharField(
        label=_("Recipient's name"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    recipient_id_number = forms.CharField(
        label=_("Recipient's ID number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    identity_checked = forms.BooleanField(
        label=_("Identity paper checked against the recipient"),
        error_messages={"required": _("Check the identity paper of who takes the result.")},
    )
    recipient_relation = forms.CharField(
        label=_("Relation to the applicant"),
        max_length=100,
        required=False,
        help_text=_("e.g. self, spouse, son, neighbour"),
    )
    recipient_authorization = forms.CharField(
        label=_("Authorization paper shown"),
        max_length=255,
        required=False,
        help_text=_("Required when the recipient is not the applicant, e.g. “Giấy ủy quyền chứng thực 12/3/2026”."),
    )


class FailedForm(ReportForm):
    reason = forms.CharField(
        label=_("Why it could not be delivered"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. nobody at home, wrong address, refused"),
    )
