from django.urls import URLPattern, path

from . import views

app_name = "sandbox"

urlpatterns: list[URLPattern] = [
    path("thuc-hanh/", views.home, name="home"),
    path("thuc-hanh/bat-dau/", views.start, name="start"),
    path("thuc-hanh/che-do/", views.mode, name="mode"),
    path("thuc-hanh/<int:pk>/", views.session, name="session"),
    path("thuc-hanh/<int:pk>/cham-diem/", views.score, name="score"),
    path("thuc-hanh/<int:pk>/ky-xac-nhan/", views.sign_off, name="sign_off"),
]
