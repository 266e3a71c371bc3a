"""The supplement form of the counter: the papers the request asked for, ticked and scanned like a reception
(the checklist's fields and checks are the reception's: :func:`paper_fields_add`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.core.text import fold
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.supplement import SupplementPaper
from motcua.dossiers.supplements import SupplementRequest
from motcua.procedures.models import Component, ComponentForm

from .counter_forms import ChecklistRow, add_service_error, paper_fields_add, paper_scan_check, paper_scans


@dataclass(frozen=True)
class SupplementItem:
    """One item of the request as a checklist row shows it."""

    pk: int  # its place in the request: the fields' key
    name: str
    quantity: int = 1
    form: str = ComponentForm.COPY
    component: Component | None = None  # the procedure's checklist item the request names, if any
    mandatory: bool = True
    condition: str = ""
    form_template: str = ""


def _matching_component(item: str, components: list[Component]) -> Component | None:
    """The checklist item whose name the request's line starts with (the counter's slip 02 writes
    "Tờ khai … (Bản chính, 1)"); the longest name wins. Accents and case do not matter."""
    folded = fold(item)
    found = [c for c in components if c.name and folded.startswith(fold(c.name))]
    return max(found, key=lambda c: len(c.name)) if found else None


def supplement_items(request: SupplementRequest, components: list[Component]) -> list[SupplementItem]:
    items = []
    for index, text in enumerate(request.items):
        component = _matching_component(text, components)
        items.append(
            SupplementItem(
                pk=index,
                name=text,
                quantity=component.quantity if component else 1,
                form=component.form if component else ComponentForm.COPY,
                component=component,
                form_template=component.form_template if component else "",
            )
        )
    return items


class SupplementForm(forms.Form):
    """The papers handed in for the supplement; at least one is ticked."""

    expected_seq = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, dossier: Dossier, items: list[SupplementItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self.items = items
        for item in items:
            paper_fields_add(self, key=item.pk, name=item.name, quantity=item.quantity)
            self.fields[f"form_{item.pk}"] = forms.ChoiceField(
                label=_("Original or copy"), choices=ComponentForm.choices, initial=item.form
            )

    def checklist(self) -> list[ChecklistRow]:
        return [
            ChecklistRow(
                component=item,
                received=self[f"received_{item.pk}"],
                count=self[f"count_{item.pk}"],
                scan=self[f"scan_{item.pk}"],
                paper_form=self[f"form_{item.pk}"],
            )
            for item in self.items
        ]

    @property
    def scans_lost(self) -> bool:
        return self.is_bound and bool(self.files)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ticked = False
        for item in self.items:
            received = bool(data.get(f"received_{item.pk}"))
            ticked = ticked or received
            paper_scan_check(self, data, key=item.pk, received=received)
        if self.items and not ticked:
            self.add_error(None, _("Tick at least one paper the applicant handed in for the supplement."))
        return data

    def _ticked(self) -> list[SupplementItem]:
        return [item for item in self.items if self.cleaned_data.get(f"received_{item.pk}")]

    def papers(self) -> list[SupplementPaper]:
        data = self.cleaned_data
        return [
            SupplementPaper(
                name=item.name,
                form=data.get(f"form_{item.pk}") or item.form,
                count=data.get(f"count_{item.pk}") or item.quantity,
                component_id=item.component.pk if item.component else None,
            )
            for item in self._ticked()
        ]

    def scans(self) -> dict[int, UploadedFile]:
        """The scans by the paper's place in :meth:`papers`, as the service takes them."""
        by_item = paper_scans(self.cleaned_data, [item.pk for item in self.items])
        return {n: by_item[item.pk] for n, item in enumerate(self._ticked()) if item.pk in by_item}

    def add_service_error(self, error: ApplicationError) -> None:
        add_service_error(self, error)
