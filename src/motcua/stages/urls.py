from django.urls import URLPattern

app_name = "stages"

urlpatterns: list[URLPattern] = []
