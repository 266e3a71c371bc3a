from django.urls import path

from . import documents

urlpatterns = [
    path("tai-lieu/", documents.document_list, name="documents"),
    path("tai-lieu/<uuid:uid>/", documents.document_detail, name="document"),
    path("tai-lieu/<uuid:uid>/tai-ve/", documents.document_download, name="document_download"),
    path("tai-lieu/<uuid:uid>/trang/<int:number>.png", documents.document_page_png, name="document_page"),
    path("ho-so/<str:code>/so-hoa/", documents.dossier_digitize, name="dossier_digitize"),
    path("so-hoa/to-tach.pdf", documents.separator_sheet, name="separator_sheet"),
    path("so-hoa/<uuid:uid>/", documents.digitization_job, name="digitization_job"),
    path("so-hoa/<uuid:uid>.json", documents.digitization_job_json, name="digitization_job_json"),
]
