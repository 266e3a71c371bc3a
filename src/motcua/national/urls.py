from django.urls import path

from . import views

app_name = "national"

urlpatterns = [
    path("giam-sat/lien-thong-quoc-gia/", views.deliveries, name="deliveries"),
    path("giam-sat/lien-thong-quoc-gia/gui-lai/", views.retry, name="retry"),
    path("giam-sat/lien-thong-quoc-gia/ho-so-nop-truc-tuyen/", views.filings, name="filings"),
]
