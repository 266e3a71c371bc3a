from django.urls import path

from . import supervision

urlpatterns = [
    path("giam-sat/", supervision.supervision_home, name="supervision"),
    path("giam-sat/phan-cong/<str:code>/", supervision.supervision_assign, name="supervision_assign"),
    path("giam-sat/so-theo-doi/", supervision.supervision_register, name="supervision_register"),
    path("giam-sat/so-theo-doi.pdf", supervision.supervision_register_pdf, name="supervision_register_pdf"),
    path("giam-sat/so-theo-doi.xlsx", supervision.supervision_register_xlsx, name="supervision_register_xlsx"),
]
