"""URLs of the booking pages: public under ``/dat-lich/``, the counter's list under ``/quay/lich-hen/``."""

from __future__ import annotations

from django.urls import path

from . import staff, views

urlpatterns = [
    path("dat-lich/", views.centres, name="booking_centres"),
    # Before the centre's address, so that no centre's code can shadow it.
    path("dat-lich/xac-nhan/<str:code>/", views.confirmation, name="booking_confirmation"),
    path("dat-lich/xac-nhan/<str:code>/huy/", views.cancel, name="booking_cancel"),
    path("dat-lich/<str:point_code>/", views.point_booking, name="booking_point"),
    path("quay/lich-hen/", staff.appointment_list, name="booking_staff_list"),
]
