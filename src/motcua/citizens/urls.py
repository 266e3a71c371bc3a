from django.urls import URLPattern, path

from . import views

app_name = "citizens"

urlpatterns: list[URLPattern] = [
    path("cong-dan/dang-nhap/", views.sign_in, name="sign_in"),
]
