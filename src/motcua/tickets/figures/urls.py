"""URLs of the figures pages: the supervisor's queue figures and their Excel workbook."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("giam-sat/hang-doi/", views.figures_page, name="figures"),
    path("giam-sat/hang-doi.xlsx", views.figures_download, name="figures_xlsx"),
]
