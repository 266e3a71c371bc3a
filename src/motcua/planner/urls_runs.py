"""Calibration from measured data and simulation runs with progress (views_runs.py), under /ke-hoach/."""

from django.urls import path

from . import views_runs

urlpatterns = [
    path("ke-hoach/hieu-chinh/", views_runs.calibration, name="calibration"),
    path("ke-hoach/mo-phong/", views_runs.runs, name="runs"),
    path("ke-hoach/mo-phong/<int:pk>/", views_runs.run, name="run"),
    path("ke-hoach/mo-phong/<int:pk>/huy/", views_runs.run_cancel, name="run_cancel"),
]
