"""The desk: staff pages. Each area keeps its own routes (counter, agency inbox and dossier, supervision)."""

from django.urls import include, path

from . import agency_urls, counter_urls, document_urls, postal_urls, slip_urls, supervision_urls

app_name = "desk"

urlpatterns = [
    path("", include(counter_urls)),
    path("", include(agency_urls)),
    path("", include(supervision_urls)),
    path("", include(slip_urls)),
    path("", include(document_urls)),
    path("", include(postal_urls)),
]
