from django.urls import path

from . import lookup, views

app_name = "portal"

urlpatterns = [
    path("thu-tuc/", views.catalogue, name="catalogue"),
    path("thu-tuc/<str:national_code>/", views.procedure_detail, name="procedure"),
    path("tra-cuu/", lookup.lookup, name="lookup"),
]
