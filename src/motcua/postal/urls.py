from django.urls import path

from .webhook import tracking_webhook

app_name = "postal"

urlpatterns = [
    path("buu-chinh/webhook/<slug:carrier>/", tracking_webhook, name="tracking-webhook"),
]
