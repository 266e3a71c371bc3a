"""The small forms of the clerk's queue panel. Each refuses bad input (a counter id too large to store, a number
that cannot be a ticket's, a transfer target of another centre) with a message, never an error page."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Counter, ReceivingPoint
from motcua.procedures.models import Field

from .state import fields_at

# A ticket's number as printed: one or two letters, then digits (``numbering``: A012, B104).
LABEL = re.compile(r"^[A-ZĐ]{0,2}[0-9]{1,6}$")
# The largest id a database column stores (PostgreSQL's bigint), so a huge number is a form error, not a crash.
ID_MAX = 2**63 - 1


class CounterForm(forms.Form):
    counter = forms.IntegerField(label=_("Counter"), min_value=1, max_value=ID_MAX)


class LabelForm(forms.Form):
    """A ticket's number: the one on the panel (recall, finish, no-show) or typed by the clerk."""

    label = forms.CharField(label=_("Ticket number"), max_length=12)

    def clean_label(self) -> str:
        label = self.cleaned_data["label"].strip().upper().replace(" ", "")
        if not LABEL.match(label):
            raise forms.ValidationError(
                _("Type a ticket number as printed on the ticket, e.g. A012."), code="label_invalid"
            )
        return label


class NextForm(forms.Form):
    """ "Call next" carries the number the clerk's panel showed as being served, so a stale panel (a second tab,
    a double press) does not finish a visitor it never showed nor skip one."""

    serving = forms.CharField(required=False, max_length=12)


class TransferForm(LabelForm):
    """Where the visitor goes: another counter of the centre (``c<id>``) or a field's counters (``f<id>``)."""

    target = forms.ChoiceField(label=_("Transfer to"))

    def __init__(self, *args, point: ReceivingPoint, counter: Counter, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.counters = {
            f"c{other.pk}": other
            for other in Counter.objects.filter(receiving_point=point, is_active=True).exclude(pk=counter.pk)
        }
        self.target_fields: dict[str, Field] = {f"f{field.pk}": field for field in fields_at(point)}
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = [
            ("", "—"),
            (
                _("Another counter"),
                [(key, _("Counter %(number)s") % {"number": c.number}) for key, c in self.counters.items()],
            ),
            (_("A field's counters"), [(key, field.name) for key, field in self.target_fields.items()]),
        ]

    def destination(self) -> tuple[Counter | None, Field | None]:
        key = self.cleaned_data["target"]
        return self.counters.get(key), self.target_fields.get(key)
