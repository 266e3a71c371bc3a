from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class MotcuaUserAdmin(UserAdmin):
    list_display = ("username", "full_name", "email", "phone", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email", "phone")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Contact"), {"fields": ("full_name", "phone")}),
    )
