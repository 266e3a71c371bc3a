from django.urls import path

from . import booking, lookup, views

app_name = "portal"

urlpatterns = [
    path("thu-tuc/", views.catalogue, name="catalogue"),
    path("thu-tuc/<str:national_code>/", views.procedure_detail, name="procedure"),
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("dat-lich-thu-gom/xa/", booking.pickup_communes, name="pickup_communes"),
    path("dat-lich-thu-gom/<str:national_code>/", booking.pickup_booking, name="pickup_booking"),
    path("dat-lich-thu-gom/<str:national_code>/da-dat/", booking.pickup_booked, name="pickup_booked"),
]
