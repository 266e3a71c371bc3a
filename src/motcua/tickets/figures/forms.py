"""The figures page's filters: a centre (or every centre the user may see) and a period typed dd/mm/yyyy.

Field names are the query-string names the URLs show, as on the supervision page: ``diem``, ``tu``, ``den``.
The centres offered are the user's (``scope``): a code typed in the URL that is not one of them is refused with
the same message as a code that does not exist, so the page never tells which centres exist.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import ReceivingPoint
from motcua.core.errors import ApplicationError
from motcua.core.localtime import local_date
from motcua.desk.supervision_forms import DayField

from . import errors
from .scope import figures_period_check


class FiguresForm(forms.Form):
    diem = forms.CharField(label=_("Centre"), required=False, max_length=40, widget=forms.Select)
    tu = DayField(label=_("From"), required=False)
    den = DayField(label=_("To"), required=False)

    def __init__(self, *args: Any, points: list[ReceivingPoint], **kwargs: Any) -> None:
        today = local_date()
        kwargs.setdefault("initial", {"tu": today, "den": today})
        super().__init__(*args, **kwargs)
        choices = [(point.code, f"{point.name} ({point.code})") for point in points]
        if len(points) > 1:
            choices.insert(0, ("", str(_("All my centres"))))
        self.fields["diem"].widget.choices = choices  # type: ignore[attr-defined]
        self.codes = {point.code for point in points}
        for name, field in self.fields.items():
            field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_errors"

    def clean_diem(self) -> str:
        code = (self.cleaned_data.get("diem") or "").strip()
        if code and code not in self.codes:
            raise forms.ValidationError(errors.point_not_found(code=code).render())
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = local_date()
        start: date = data.get("tu") or today
        end: date = data.get("den") or start
        if "tu" in self.errors or "den" in self.errors:
            return data
        try:
            figures_period_check(start=start, end=end)
        except ApplicationError as error:
            self.add_error(error.field or None, error.render())
        data["tu"], data["den"] = start, end
        return data
