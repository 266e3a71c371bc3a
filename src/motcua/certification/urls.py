from django.urls import URLPattern, path

from . import views, views_quality

app_name = "certification"

urlpatterns: list[URLPattern] = [
    path("chung-chi/", views.mine, name="mine"),
    path("chung-chi/<int:pk>/chung-chi.pdf", views.certificate, name="pdf"),
    path("chung-chi/diem/", views.matrix, name="matrix"),
    path("chung-chi/diem/ngay-mai/", views_quality.gaps, name="gaps"),
    path("chung-chi/chat-luong/", views_quality.quality, name="quality"),
    path("chung-chi/<int:pk>/thu-hoi/", views.revoke, name="revoke"),
    path("xac-minh/chung-chi/<str:token>/", views.verify, name="verify"),
]
