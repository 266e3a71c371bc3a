"""The catalogue in Django's admin. Thin: forms check the rules, actions and saves call the services.

Published and retired versions open read-only, inlines included: they are changed by making a new draft.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ApplicationError
from motcua.core.text import fold

from .errors import ProcedureSpecInvalid
from .models import Component, Fee, Field, ImplementingLevel, Procedure, ProcedureVersion, ProcessStep, VersionStatus
from .services import (
    field_create,
    field_rename,
    procedure_change_field,
    procedure_register,
    procedure_version_create_draft,
    procedure_version_publish,
    procedure_version_retire,
)
from .specs import ProcedureSpec, eform_fields_from_json, eform_fields_to_json
from .validators import (
    check_eform_fields,
    validate_field_code,
    validate_levels,
    validate_national_code,
    validate_same_day_in_working_time,
    validate_time_limit,
)


def _form_error(error: ApplicationError) -> ValidationError:
    return ValidationError(error.render(get_language() or "vi"), code=error.code)


def _as_validation_error(rule, *args, **kwargs) -> None:
    try:
        rule(*args, **kwargs)
    except ApplicationError as error:
        raise _form_error(error) from None


def _report(request, error: ApplicationError) -> None:
    messages.error(request, error.bilingual())
    if isinstance(error, ProcedureSpecInvalid):
        for issue in error.issues[1:]:
            where = f"{issue.part} {issue.index + 1}" if issue.index is not None else issue.part
            messages.error(request, f"{where} · {issue.field}: {issue.error.bilingual()}")


class FieldForm(forms.ModelForm):
    class Meta:
        model = Field
        fields = ("code", "name")

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        _as_validation_error(validate_field_code, code)
        return code


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    form = FieldForm
    list_display = ("code", "name", "procedure_count")
    search_fields = ("code", "name")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(procedure_total=Count("procedures"))

    @admin.display(description=_("procedures"), ordering="procedure_total")
    def procedure_count(self, obj: Field) -> int:
        return getattr(obj, "procedure_total", 0)

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False  # procedures and counters refer to fields

    def save_model(self, request, obj, form, change):
        if change and "name" in form.changed_data:
            field_rename(field=obj, name=obj.name, actor=request.user)
        elif not change:
            obj.pk = field_create(code=obj.code, name=obj.name, actor=request.user).pk


class ProcedureForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = ("national_code", "name", "field")

    def clean_national_code(self):
        code = self.cleaned_data["national_code"].strip()
        _as_validation_error(validate_national_code, code)
        return code


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ("version_link", "status", "published_at", "name")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("versions")

    @admin.display(description=_("version"))
    def version_link(self, obj: ProcedureVersion) -> str:
        url = reverse("admin:procedures_procedureversion_change", args=[obj.pk])
        return format_html('<a href="{}">v{}</a>', url, obj.number)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    form = ProcedureForm
    list_display = ("national_code", "name", "field", "current_version")
    list_filter = ("field",)
    list_select_related = ("field", "current_version")
    search_fields = ("search_text",)
    search_help_text = _("Code, name or field; accents are optional: “dang ky khai sinh” finds “Đăng ký khai sinh”.")
    inlines = [VersionInline]
    actions = ["new_draft"]

    def get_search_results(self, request, queryset, search_term):
        # The stored search text is folded; fold the query the same way so it matches on every database.
        for word in fold(search_term).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False

    def get_fields(self, request, obj=None):
        return (
            ("national_code", "name", "field") if obj is None else ("national_code", "name", "field", "current_version")
        )

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("national_code", "name", "current_version")

    def has_delete_permission(self, request, obj=None):
        return False  # versions and dossiers refer to procedures

    def save_model(self, request, obj, form, change):
        if change:
            procedure_change_field(procedure=obj, field=obj.field, actor=request.user)
            return
        version = procedure_register(
            national_code=obj.national_code, name=obj.name, field=obj.field, actor=request.user
        )
        obj.pk = version.procedure_id
        obj.search_text = version.procedure.search_text

    @admin.action(description=_("Make a new draft from the current version"), permissions=["change"])
    def new_draft(self, request, queryset):
        for procedure in queryset:
            try:
                draft = procedure_version_create_draft(procedure=procedure, actor=request.user)
            except ApplicationError as error:
                _report(request, error)
            else:
                messages.success(request, _("Draft %(draft)s created.") % {"draft": draft})


class VersionForm(forms.ModelForm):
    levels = forms.MultipleChoiceField(
        label=_("implementing levels"), choices=ImplementingLevel.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ProcedureVersion
        fields = ProcedureSpec.VERSION_FIELDS

    def clean_levels(self):
        levels = [level for level in ImplementingLevel.values if level in self.cleaned_data["levels"]]
        _as_validation_error(validate_levels, levels)
        return levels

    def clean_time_limit(self):
        value = self.cleaned_data["time_limit"]
        _as_validation_error(validate_time_limit, value)
        return value

    def clean_eform_fields(self):
        """The declared fields checked by the catalogue's rules, stored in their one normal form."""
        try:
            fields = eform_fields_from_json(self.cleaned_data.get("eform_fields"))
        except ApplicationError as error:
            raise _form_error(error) from None
        issues = check_eform_fields(fields)
        if issues:
            raise ValidationError([_form_error(issue.error) for issue in issues])
        return eform_fields_to_json(fields)

    def clean(self):
        cleaned = super().clean() or {}
        if "same_day_cutoff" in cleaned and "time_limit_unit" in cleaned:
            try:
                validate_same_day_in_working_time(
                    same_day_cutoff=cleaned["same_day_cutoff"], time_limit_unit=cleaned["time_limit_unit"]
                )
            except ApplicationError as error:
                self.add_error("same_day_cutoff", _form_error(error))
        return cleaned


class _PartInline(admin.TabularInline):
    """Rows of a version: editable while it is a draft, read-only afterwards."""

    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or obj.status == VersionStatus.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ComponentInline(_PartInline):
    model = Component
    fields = ("order", "name", "form", "quantity", "mandatory", "condition", "form_template")


class FeeInline(_PartInline):
    model = Fee
    fields = ("order", "kind", "description", "amount", "group", "optional", "per_unit", "exemptions")


class StepInline(_PartInline):
    model = ProcessStep
    fields = ("order", "name", "role", "unit", "duration", "at_other_agency", "parallel_group")


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    form = VersionForm
    list_display = ("national_code", "name", "number", "status", "published_at")
    list_display_links = ("national_code", "name")
    list_filter = ("status", "procedure__field")
    list_select_related = ("procedure",)
    search_fields = ("procedure__search_text",)
    search_help_text = ProcedureAdmin.search_help_text
    readonly_fields = ("procedure", "number", "status", "published_at")
    inlines = [ComponentInline, FeeInline, StepInline]
    actions = ["publish", "new_draft", "retire"]

    @admin.display(description=_("national code"), ordering="procedure__national_code")
    def national_code(self, obj: ProcedureVersion) -> str:
        return obj.procedure.national_code

    def get_search_results(self, request, queryset, search_term):
        for word in fold(search_term).split():
            queryset = queryset.filter(procedure__search_text__contains=word)
        return queryset, False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk delete bypasses the models' guard; a draft is deleted from its own page.
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False  # drafts are opened from a procedure or a version ("new draft")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.status == VersionStatus.DRAFT)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and obj is not None and obj.status == VersionStatus.DRAFT

    @admin.action(description=_("Publish the selected drafts"), permissions=["change"])
    def publish(self, request, queryset):
        for version in queryset.select_related("procedure"):
            try:
                procedure_version_publish(version=version, actor=request.user)
            except ApplicationError as error:
                _report(request, error)
            else:
                messages.success(request, _("%(version)s published.") % {"version": version})

    @admin.action(description=_("Make a new draft from this version"), permissions=["change"])
    def new_draft(self, request, queryset):
        for version in queryset.select_related("procedure"):
            try:
                draft = procedure_version_create_draft(procedure=version.procedure, source=version, actor=request.user)
            except ApplicationError as error:
                _report(request, error)
            else:
                messages.success(request, _("Draft %(draft)s created.") % {"draft": draft})

    @admin.action(description=_("Retire the selected published versions"), permissions=["change"])
    def retire(self, request, queryset):
        for version in queryset.select_related("procedure"):
            try:
                procedure_version_retire(version=version, actor=request.user)
            except ApplicationError as error:
                _report(request, error)
            else:
                messages.success(request, _("%(version)s retired.") % {"version": version})
