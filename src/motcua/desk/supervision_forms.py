"""Forms of the supervision page: the list's filters, the register's period and point, and reassignment.

Field names are the query-string names the URLs show (Vietnamese, short): ``q``, ``trang_thai``, ``co_quan``,
``diem``, ``han``, ``tu``, ``den``. Dates are typed dd/mm/yyyy, as on every official paper.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.core.localtime import local_date
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.selectors import DueFlag

from .supervision_query import DossierFilters

DATE_FORMAT = "%d/%m/%Y"
REGISTER_MAX_DAYS = 366
ALL = pgettext_lazy("filter", "All")


class DayField(forms.DateField):
    """A date typed dd/mm/yyyy (ISO yyyy-mm-dd also read), shown back the same way."""

    default_error_messages = {"invalid": _("Enter the date as dd/mm/yyyy, for example 25/11/2026.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format=DATE_FORMAT,
                attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "size": 10},
            ),
        )
        super().__init__(input_formats=[DATE_FORMAT, "%Y-%m-%d"], **kwargs)


class PointField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class AgencyField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.short_name or obj.name


def _describe_errors(form: forms.Form) -> None:
    """Point each field at the slot its errors appear in (``_field_errors.html``), for screen readers."""
    for name, field in form.fields.items():
        if not field.widget.is_hidden:
            field.widget.attrs["aria-describedby"] = f"{form[name].auto_id}_errors"


class DossierFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Dossier code or applicant"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("code, name, ID number or phone"),
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    trang_thai = forms.ChoiceField(label=_("Status"), required=False, choices=[("", ALL), *Status.choices])
    co_quan = AgencyField(label=_("Lead agency"), required=False, queryset=Agency.objects.none(), to_field_name="code")
    diem = PointField(
        label=_("Receiving point"), required=False, queryset=ReceivingPoint.objects.none(), to_field_name="code"
    )
    han = forms.ChoiceField(required=False, choices=[("", ALL), *DueFlag.choices], widget=forms.HiddenInput)
    tu = DayField(label=_("Received from"), required=False)
    den = DayField(label=_("Received to"), required=False)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], points: QuerySet[ReceivingPoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["co_quan"].empty_label = ALL  # type: ignore[attr-defined]
        self.fields["diem"].queryset = points  # type: ignore[attr-defined]
        self.fields["diem"].empty_label = ALL  # type: ignore[attr-defined]
        _describe_errors(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu"), data.get("den")
        if start and end and end < start:
            self.add_error("den", _("The end of the period cannot be before its start."))
        return data

    def filters(self) -> DossierFilters:
        """The filters to apply; a value that is not valid filters nothing (its error shows beside it)."""
        self.is_valid()
        data = self.cleaned_data
        return DossierFilters(
            status=data.get("trang_thai") or "",
            lead_agency=data.get("co_quan"),
            point=data.get("diem"),
            flag=data.get("han") or "",
            received_from=data.get("tu"),
            received_to=data.get("den"),
            search=data.get("q") or "",
        )

    @property
    def has_filters(self) -> bool:
        values = self.filters()
        return any(
            (values.status, values.lead_agency, values.point, values.received_from, values.received_to, values.search)
        )


def month_start(day: date) -> date:
    return day.replace(day=1)


class RegisterForm(forms.Form):
    """The period and point of register 07. Both dates are included."""

    tu = DayField(label=_("From"))
    den = DayField(label=_("To"))
    diem = PointField(label=_("Receiving point"), queryset=ReceivingPoint.objects.none(), to_field_name="code")

    def __init__(self, *args: Any, points: QuerySet[ReceivingPoint], **kwargs: Any) -> None:
        today = local_date()
        kwargs.setdefault("initial", {"tu": month_start(today), "den": today})
        kwargs.setdefault("auto_id", "register_%s")  # the list's filters on the same page use tu, den, diem too
        super().__init__(*args, **kwargs)
        self.fields["diem"].queryset = points  # type: ignore[attr-defined]
        self.fields["diem"].empty_label = None  # type: ignore[attr-defined]
        _describe_errors(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu"), data.get("den")
        if start and end:
            if end < start:
                self.add_error("den", _("The end of the period cannot be before its start."))
            elif end - start >= timedelta(days=REGISTER_MAX_DAYS):
                too_long = _("A register covers at most %(days)s days: choose a shorter period.")
                self.add_error("den", too_long % {"days": REGISTER_MAX_DAYS})
        return data

    def period_text(self) -> str:
        """The period as the register prints it (always in Vietnamese, like the slips)."""
        start, end = self.cleaned_data["tu"], self.cleaned_data["den"]
        return f"Từ ngày {start.strftime(DATE_FORMAT)} đến ngày {end.strftime(DATE_FORMAT)}"

    def file_name(self, extension: str) -> str:
        start, end, point = self.cleaned_data["tu"], self.cleaned_data["den"], self.cleaned_data["diem"]
        return f"so-theo-doi-{point.code}-{start:%Y%m%d}-{end:%Y%m%d}.{extension}"


class AssignForm(forms.Form):
    """Who takes the step in progress. Only eligible colleagues are offered; the service has the last word."""

    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=get_user_model().objects.filter(is_active=True))
    seq = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].empty_label = _("Choose a colleague")  # type: ignore[attr-defined]
        self.offer([])
        _describe_errors(self)

    def offer(self, offered: list[tuple[Any, str]]) -> None:
        """Show ``offered`` (value, label) in the list: the eligible colleagues. Any active user is accepted
        all the same, so that the step service, which holds the rule, says why someone else cannot take it."""
        field = self.fields["assignee"]
        field.widget.choices = [("", field.empty_label), *offered]  # type: ignore[attr-defined]
