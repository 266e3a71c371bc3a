"""The planner's pages under /ke-hoach/ (Vietnamese paths, names in the namespace "planner")."""

from django.urls import URLPattern, path

from .views import compare, country, downloads, province, scenarios

urlpatterns: list[URLPattern] = [
    path("ke-hoach/", country.country_page, name="country"),
    path("ke-hoach/tinh/<str:code>/", province.province_page, name="province"),
    path("ke-hoach/tinh/<str:code>/xa/<str:commune>/", province.commune_page, name="commune"),
    path("ke-hoach/tinh/<str:code>/ke-hoach.xlsx", downloads.plan_xlsx, name="plan_xlsx"),
    path("ke-hoach/tinh/<str:code>/de-an.pdf", downloads.report_pdf_view, name="report_pdf"),
    path("ke-hoach/kich-ban/", scenarios.scenario_list, name="scenarios"),
    path("ke-hoach/kich-ban/moi/", scenarios.scenario_new, name="scenario_new"),
    path("ke-hoach/kich-ban/so-sanh/", compare.scenario_compare, name="scenario_compare"),
    path("ke-hoach/kich-ban/<int:pk>/sua/", scenarios.scenario_edit, name="scenario_edit"),
    path("ke-hoach/kich-ban/<int:pk>/sao-chep/", scenarios.scenario_copy_page, name="scenario_copy"),
]
