from django.urls import URLPattern, path

from . import views, views_staff

app_name = "payments"

urlpatterns: list[URLPattern] = [
    path("thanh-toan/mo-phong/<str:reference>/", views.simulator, name="simulator"),
    path("thanh-toan/ket-qua/<slug:provider>/", views.payment_return, name="return"),
    path("thanh-toan/ipn/<slug:provider>/", views.ipn, name="ipn"),
    path("thanh-toan/<str:code>/", views.pay, name="pay"),
    path("thanh-toan/<str:code>/bat-dau/", views.pay_start, name="start"),
    path("giam-sat/thanh-toan/", views_staff.supervision, name="supervision"),
]
