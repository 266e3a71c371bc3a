from django.urls import include, path

app_name = "tickets"

urlpatterns = [
    path("", include("motcua.tickets.kiosk.urls")),
    path("", include("motcua.tickets.calling.urls")),
    path("", include("motcua.tickets.booking.urls")),
    path("", include("motcua.tickets.figures.urls")),
]
