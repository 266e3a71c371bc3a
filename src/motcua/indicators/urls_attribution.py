"""The attribution pages' addresses (lost points, alert list), included in the indicators' URLconf."""

from django.urls import URLPattern, path

from . import views_attribution

urlpatterns: list[URLPattern] = [
    path("chi-so/diem-mat/", views_attribution.lost, name="lost"),
    path("chi-so/canh-bao/", views_attribution.alerts, name="alerts"),
]
