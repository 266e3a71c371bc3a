from django.urls import include, path

app_name = "planner"

# The planner's pages (pages: the country, a province, scenarios, the report) and its runs (calibration from
# measured data, simulations with progress) are built apart; both live under /ke-hoach/.
urlpatterns = [
    path("", include("motcua.planner.urls_pages")),
    path("", include("motcua.planner.urls_runs")),
]
