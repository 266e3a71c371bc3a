from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.audit import events as audit

from .models import Agency, Counter, ReceivingPoint, StaffAssignment


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "level", "province", "parent", "is_active")
    list_filter = ("kind", "level", "province", "is_active")
    search_fields = ("code", "name", "short_name")
    autocomplete_fields = ("parent", "province", "commune")
    list_select_related = ("province", "parent")


class CounterInline(admin.TabularInline):
    model = Counter
    extra = 0
    filter_horizontal = ("fields",)


@admin.register(ReceivingPoint)
class ReceivingPointAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "operator", "commune", "is_active")
    list_filter = ("kind", "is_active", "commune__province")
    search_fields = ("code", "name", "address")
    autocomplete_fields = ("operator", "commune")
    filter_horizontal = ("serves",)
    inlines = [CounterInline]


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "receiving_point", "agency", "province", "valid_from", "valid_until", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__full_name", "agency__name", "receiving_point__name")
    autocomplete_fields = ("user", "receiving_point", "agency")
    fieldsets = (
        (None, {"fields": ("user", "role", "is_active")}),
        (_("Scope"), {"fields": ("receiving_point", "agency", "province")}),
        (_("Validity"), {"fields": ("valid_from", "valid_until")}),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.staff_assignment_changed(obj, request.user)

    def delete_model(self, request, obj):
        audit.staff_assignment_changed(obj, request.user, deleted=True)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.staff_assignment_changed(obj, request.user, deleted=True)
        super().delete_queryset(request, queryset)
