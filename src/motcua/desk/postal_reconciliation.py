"""The post office's daily reconciliation: what each postman collected, what each agency is owed and was
remitted, discrepancies flagged; a remittance recorded; the same as Excel."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.agencies.models import Agency, ReceivingPoint
from motcua.agencies.selectors import receiving_points_for
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.postal.money import FLAG_LABELS, reconciliation_for_day, reconciliation_xlsx, remittance_record

from .access import roles_required
from .postal import POSTAL_OPS_ROLES
from .supervision_forms import DayField


class DayForm(forms.Form):
    ngay = DayField(label=gettext_lazy("Day"))
    diem = forms.ModelChoiceField(queryset=ReceivingPoint.objects.none(), label=gettext_lazy("Post office"))

    def __init__(self, *args: Any, points: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["diem"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = points
        field.empty_label = None
        field.to_field_name = "code"


class RemittanceForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=gettext_lazy("Agency"))
    amount = forms.IntegerField(label=gettext_lazy("Amount remitted (VND)"), min_value=1)
    reference = forms.CharField(label=gettext_lazy("Transfer reference"), max_length=100, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies
        field.empty_label = gettext_lazy("Choose the agency")


def _day_form(request: HttpRequest) -> DayForm:
    points = receiving_points_for(user=request.user).order_by("name")
    data = request.GET.copy()
    data.setdefault("ngay", local_date().strftime("%d/%m/%Y"))
    first = points.first()
    if first is not None:
        data.setdefault("diem", first.code)
    return DayForm(data, points=points)


@roles_required(POSTAL_OPS_ROLES)
def postal_reconciliation(request: HttpRequest) -> HttpResponse:
    chosen = _day_form(request)
    rec = remit = None
    status = 200
    if chosen.is_valid():
        day, point = chosen.cleaned_data["ngay"], chosen.cleaned_data["diem"]
        rec = reconciliation_for_day(day=day, point=point)
        agencies = Agency.objects.filter(pk__in=[line.agency_id for line in rec.agencies]) | point.serves.all()
        remit = RemittanceForm(request.POST or None, agencies=agencies.distinct().order_by("name"))
        if request.method == "POST":
            if remit.is_valid():
                try:
                    remittance_record(
                        point=point,
                        agency=remit.cleaned_data["agency"],
                        day=day,
                        amount=remit.cleaned_data["amount"],
                        reference=remit.cleaned_data["reference"],
                        actor=request.user,
                    )
                except ApplicationError as error:
                    remit.add_error(None, error.render(get_language()))
                else:
                    messages.success(request, _("The remittance is recorded."))
                    return redirect(request.get_full_path())
            status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "desk/postal/reconciliation.html",
        {"chosen": chosen, "rec": rec, "remit": remit, "flag_labels": FLAG_LABELS},
        status=status,
    )


@require_GET
@roles_required(POSTAL_OPS_ROLES)
def postal_reconciliation_xlsx(request: HttpRequest) -> HttpResponse:
    chosen = _day_form(request)
    if not chosen.is_valid():
        return redirect("desk:postal_reconciliation")
    day, point = chosen.cleaned_data["ngay"], chosen.cleaned_data["diem"]
    content = reconciliation_xlsx(reconciliation_for_day(day=day, point=point))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="doi-soat-{point.code}-{day:%Y%m%d}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
