from django.urls import path

from . import slips

urlpatterns = [
    path("ho-so/<str:code>/phieu/<str:kind>.pdf", slips.dossier_slip, name="dossier_slip"),
]
