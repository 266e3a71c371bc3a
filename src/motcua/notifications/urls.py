from django.urls import URLPattern, path

from . import views

app_name = "notifications"

urlpatterns: list[URLPattern] = [
    path("giam-sat/thong-bao/", views.log, name="log"),
    path("giam-sat/thong-bao/<int:pk>/gui-lai/", views.retry, name="retry"),
    path("thong-bao/tuy-chon/<str:token>/", views.preferences, name="preferences"),
]
