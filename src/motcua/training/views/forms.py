"""Forms of the trainer's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.stages.models import StageCode

from ..models import BlueprintRule, ExamBlueprint, Lesson


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ("stage_code", "field", "title", "order", "published", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "class": "markdown-editor"})}


class ImageForm(forms.Form):
    image = forms.ImageField(label=_("Image (PNG, JPEG, GIF, WebP; at most 5 MB)"))
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("GIFT (.gift, .txt) or Moodle XML (.xml) file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".gift,.txt,.xml"}),
    )
    stage_code = forms.ChoiceField(
        label=_("Stage of new banks"), choices=[("", "—"), *StageCode.choices], required=False
    )


class BlueprintForm(forms.ModelForm):
    class Meta:
        model = ExamBlueprint
        fields = ("stage_code", "field", "title", "time_limit_minutes", "pass_mark_percent", "max_attempts", "active")


RuleFormSet = forms.inlineformset_factory(
    ExamBlueprint, BlueprintRule, fields=("bank", "count", "order"), extra=2, can_delete=True
)
