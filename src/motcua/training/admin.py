"""Training in the Django admin: banks, questions, lessons and blueprints; attempts read-only (they are results)."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    AttemptQuestion,
    BlueprintRule,
    ExamAttempt,
    ExamBlueprint,
    Lesson,
    LessonImage,
    Question,
    QuestionBank,
)


class LessonImageInline(admin.TabularInline):
    model = LessonImage
    extra = 0


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "stage_code", "field", "order", "published", "updated_at")
    list_filter = ("stage_code", "published", "field")
    search_fields = ("title",)
    inlines = [LessonImageInline]


@admin.register(QuestionBank)
class QuestionBankAdmin(admin.ModelAdmin):
    list_display = ("name", "stage_code", "field")
    list_filter = ("stage_code",)
    search_fields = ("name",)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "bank", "kind", "active")
    list_filter = ("kind", "active", "bank")
    search_fields = ("name", "text")


class BlueprintRuleInline(admin.TabularInline):
    model = BlueprintRule
    extra = 1


@admin.register(ExamBlueprint)
class ExamBlueprintAdmin(admin.ModelAdmin):
    list_display = ("title", "stage_code", "field", "time_limit_minutes", "pass_mark_percent", "max_attempts", "active")
    list_filter = ("stage_code", "active")
    inlines = [BlueprintRuleInline]


class AttemptQuestionInline(admin.TabularInline):
    model = AttemptQuestion
    extra = 0
    can_delete = False
    fields = ("position", "kind", "name", "answer", "fraction", "mark")
    readonly_fields = fields


@admin.register(ExamAttempt)
class ExamAttemptAdmin(admin.ModelAdmin):
    list_display = ("blueprint", "user", "number", "started_at", "submitted_at", "score_percent", "passed")
    list_filter = ("passed", "closed_by", "blueprint")
    inlines = [AttemptQuestionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
