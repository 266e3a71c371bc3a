from django.urls import URLPattern, path

from . import views
from .urls_attribution import urlpatterns as attribution_urlpatterns

app_name = "indicators"

urlpatterns: list[URLPattern] = [
    path("chi-so/", views.dashboard, name="dashboard"),
    path("chi-so/bang.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("chi-so/bao-cao.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    *attribution_urlpatterns,
]
