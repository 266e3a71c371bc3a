"""One small form per action of the dossier page, built from the engine's ``ACTION_FIELDS``.

The forms do what the REST API's input layer does (``api/routers/dossier_inputs.py``): a field the
action does not take is never sent, a required one is checked, an agency code becomes an
:class:`Agency` and a username a user. Here the codes come from selects limited to sensible choices
(agencies a dossier can be routed to, colleagues who may take the step), so an unknown code is a
field error like any other. Rules of the domain stay with the engine: its errors are put back beside
the field of the input they concern (``ApplicationError.field``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.actions import ACTION_FIELDS, ActionField
from motcua.dossiers.inbox import (
    dossier_step_for_user,
    dossier_unrouted_steps,
    routing_agency_choices,
    step_assignee_choices,
)
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier

DATETIME_INPUT = "%Y-%m-%dT%H:%M"

LABELS: dict[str, Any] = {
    "reasons": _("Reasons for refusal"),
    "reason": _("Reason"),
    "note": _("Note"),
    "items": _("Papers to add or correct"),
    "description": _("What the applicant must pay"),
    "amount": _("Amount (VND)"),
    "next_agency": _("Agency of the next step"),
    "assignee": _("Assign to"),
    "new_appointment": _("New appointment"),
    "result_reference": _("Number of the result document"),
    "result_file": _("Signed result document"),
    "collector_name": _("Collected by"),
    "collector_id_number": _("Collector's ID number"),
    "identity_checked": _("Identity paper checked"),
}
REASON_LABELS: dict[Action, Any] = {
    Action.REJECT: _("Reason for not approving"),
    Action.STOP: _("Reason for stopping"),
    Action.WITHDRAW: _("The applicant's request"),
    Action.EXTEND: _("Reason for the delay (in the apology letter)"),
    Action.REQUEST_SUPPLEMENT: _("Reason for the request"),
}
HELP: dict[str, Any] = {
    "items": _("One paper per line; each becomes a numbered item of slip 02."),
    "next_agency": _("For the next step at another agency, if it was not named at transfer."),
    "new_appointment": _("Only once per dossier. Slip 04 (apology and new appointment) is issued with it."),
    "result_file": _(
        "The PDF signed digitally by the agency (PAdES); an unsigned, altered or untrusted file is refused. "
        "The counter prints and returns it."
    ),
}
LONG_TEXT = frozenset({"reasons", "reason", "note", "description"})


class ItemsField(forms.CharField):
    """A list typed one item a line; bullets and blank lines are dropped."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class ActionForm(forms.Form):
    """The fields of one action, and ``expected_seq``: the last history event the page showed."""

    expected_seq = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("This form is incomplete: reload the dossier page and act again."),
            "invalid": _("This form is incomplete: reload the dossier page and act again."),
            "min_value": _("This form is incomplete: reload the dossier page and act again."),
        },
    )

    def __init__(self, *args: Any, action: Action, dossier: Dossier, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{action.value}_%s")
        super().__init__(*args, **kwargs)
        self.action, self.dossier, self.user = action, dossier, user
        self.step_fields: dict[str, int] = {}  # transfer: field name → step order
        for declared in ACTION_FIELDS[action]:
            built = self._build(declared)
            if built is not None:
                self.fields[declared.name] = built
        if action == Action.APPROVE:
            self.fields["result_file"] = forms.FileField(
                label=LABELS["result_file"],
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
            )
        for name, field in self.fields.items():
            field.help_text = HELP.get(name, field.help_text)

    # --- building ---------------------------------------------------------------------------------------

    def _build(self, field: ActionField) -> forms.Field | None:
        label = REASON_LABELS.get(self.action) if field.name == "reason" else None
        common: dict[str, Any] = {"label": label or LABELS.get(field.name, field.name), "required": field.required}
        if field.type == "string[]":
            return ItemsField(widget=forms.Textarea(attrs={"rows": 4}), **common)
        if field.type == "integer":
            return forms.IntegerField(min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"}), **common)
        if field.type == "datetime":
            return forms.DateTimeField(
                input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
                **common,
            )
        if field.type == "boolean":
            return forms.BooleanField(**{**common, "required": False})
        if field.type == "agency_code":
            return self._agency_field(common)
        if field.type == "username":
            step = dossier_step_for_user(dossier=self.dossier, user=self.user)
            return forms.ModelChoiceField(
                queryset=step_assignee_choices(step=step, user=self.user),
                to_field_name="username",
                empty_label=_("— choose a colleague —"),
                **common,
            )
        if field.type == "object":  # transfer's step_agencies: one select per step at another agency
            self._add_step_agencies()
            return None
        widget = forms.Textarea(attrs={"rows": 3}) if field.name in LONG_TEXT else forms.TextInput
        return forms.CharField(widget=widget, strip=True, **common)

    def _agency_field(self, common: dict[str, Any]) -> forms.Field | None:
        # Routing has an effect only while a step at another agency is not routed yet.
        if not dossier_unrouted_steps(dossier=self.dossier):
            return None
        return forms.ModelChoiceField(
            queryset=routing_agency_choices(dossier=self.dossier),
            to_field_name="code",
            empty_label=_("— as planned —"),
            **common,
        )

    def _add_step_agencies(self) -> None:
        choices = routing_agency_choices(dossier=self.dossier)
        for step in dossier_unrouted_steps(dossier=self.dossier):
            name = f"step_agency_{step.order}"
            self.step_fields[name] = step.order
            self.fields[name] = forms.ModelChoiceField(
                queryset=choices,
                to_field_name="code",
                required=False,
                label=_("Agency for step %(order)s. %(name)s") % {"order": step.order, "name": step.name},
                empty_label=_("— later —"),
            )

    # --- after validation -------------------------------------------------------------------------------

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()

    def mark_errors(self) -> None:
        """Errors are announced with their field (``aria-invalid``, ``aria-describedby``); the first one has focus."""
        first = True
        for name, field in self.fields.items():
            if name not in self.errors:
                continue
            attrs = field.widget.attrs
            attrs["aria-invalid"] = "true"
            described = [f"{self[name].auto_id}_errors"]
            if field.help_text:
                described.append(f"{self[name].auto_id}_helptext")
            attrs["aria-describedby"] = " ".join(described)
            if first:
                attrs["autofocus"] = True
                first = False

    def add_engine_error(self, field: str, message: str) -> None:
        """An engine error beside the field of the input it concerns (``ApplicationError.field``) when the form
        has that field, else at the top of the form."""
        name = field
        if name == "reason" and "reason" not in self.fields:
            name = next((n for n in ("reasons", "items", "description") if n in self.fields), "")
        self.add_error(name if name in self.fields else None, message)
        self.mark_errors()

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of the action's service: the declared fields that were filled in."""
        data = self.cleaned_data
        arguments: dict[str, Any] = {}
        for name in self.fields:
            value = data.get(name)
            if name == "expected_seq" or name in self.step_fields:
                continue
            if value is None or value == "" or value == [] or value is False:
                continue
            arguments[name] = value
        routed = {order: data[name] for name, order in self.step_fields.items() if data.get(name) is not None}
        if routed:
            arguments["step_agencies"] = routed
        return arguments

    @property
    def has_files(self) -> bool:
        return any(isinstance(field, forms.FileField) for field in self.fields.values())

    @property
    def visible(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != "expected_seq"]


def action_form(
    *,
    action: Action,
    dossier: Dossier,
    user: Any,
    seq: int,
    data: Any = None,
    files: Any = None,
) -> ActionForm:
    """The form of ``action`` for ``dossier``: unbound with the page's ``seq``, or bound to a submission."""
    return ActionForm(data, files, action=action, dossier=dossier, user=user, initial={"expected_seq": seq})
