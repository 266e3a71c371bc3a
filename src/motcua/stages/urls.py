from django.urls import URLPattern, path

from . import views

app_name = "stages"

urlpatterns: list[URLPattern] = [
    path("quy-trinh/", views.catalogue, name="catalogue"),
    path("quy-trinh/phieu.pdf", views.catalogue_sheets_pdf, name="catalogue_pdf"),
    path("quy-trinh/xuat.xlsx", views.catalogue_xlsx, name="catalogue_xlsx"),
    path("quy-trinh/nhap/", views.catalogue_import, name="import"),
    path("quy-trinh/<slug:code>/", views.stage, name="stage"),
    path("quy-trinh/<slug:code>/phieu.pdf", views.stage_sheet_pdf, name="stage_pdf"),
]
