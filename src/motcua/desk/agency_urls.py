from django.urls import path

from . import agency, dossier

urlpatterns = [
    path("co-quan/", agency.inbox, name="inbox"),
    path("ho-so/<str:code>/", dossier.dossier_page, name="dossier"),
    path("ho-so/<str:code>/hanh-dong/<str:action>/", dossier.dossier_action, name="dossier_action"),
    path("ho-so/<str:code>/tep/<int:component_id>/", dossier.dossier_component_file, name="dossier_file"),
    path("ho-so/<str:code>/ket-qua/", dossier.dossier_result_file, name="dossier_result"),
]
