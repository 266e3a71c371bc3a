from django.urls import URLPattern, path

from . import views, views_staff

app_name = "mydossiers"

urlpatterns: list[URLPattern] = [
    path("cong-dan/", views.home, name="home"),
    path("cong-dan/ho-so/<str:code>/", views.dossier_detail, name="dossier"),
    path("cong-dan/ho-so/<str:code>/phieu/<str:kind>.pdf", views.dossier_slip, name="slip"),
    path("cong-dan/ho-so/<str:code>/ket-qua/", views.dossier_result, name="result"),
    path("cong-dan/ho-so/<str:code>/bo-sung/", views.dossier_supplement, name="supplement"),
    path("cong-dan/ho-so/<str:code>/dung-xu-ly/", views.dossier_stop, name="stop"),
    path("cong-dan/ho-so/<str:code>/nhan-ket-qua/", views.dossier_return, name="return"),
    path("cong-dan/ho-so/<str:code>/chuyen-phat/", views.dossier_delivery, name="delivery"),
    path("cong-dan/kho-du-lieu/", views.data_store, name="data_store"),
    path("cong-dan/kho-du-lieu/dong-y/", views.data_store_consent, name="consent"),
    path("cong-dan/kho-du-lieu/<str:uid>/", views.data_store_document, name="document"),
    # The clerk's side (the desk's dossier panel).
    path(
        "ho-so/<str:code>/cong-dan/bo-sung/<int:pk>/<str:verb>/", views_staff.supplement_handle, name="staff_supplement"
    ),
    path("ho-so/<str:code>/cong-dan/dung-xu-ly/<int:pk>/<str:verb>/", views_staff.stop_handle, name="staff_stop"),
    path("ho-so/<str:code>/cong-dan/tep/<int:pk>/", views_staff.supplement_file, name="staff_file"),
]
