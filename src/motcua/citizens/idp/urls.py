from django.urls import URLPattern, path

from . import views

app_name = "idp"

urlpatterns: list[URLPattern] = [
    path(".well-known/openid-configuration", views.discovery, name="discovery"),
    path("authorize", views.authorize, name="authorize"),
    path("token", views.token, name="token"),
    path("userinfo", views.userinfo, name="userinfo"),
    path("jwks", views.jwks, name="jwks"),
    path("end_session", views.end_session, name="end_session"),
]
