from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "motcua.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from motcua.dossiers.checks import gate_register
        from motcua.training.signals import attempt_passed, material_refreshed

        from .gate import dossier_gate
        from .receivers import on_attempt_passed, on_material_refreshed

        gate_register(dossier_gate)
        attempt_passed.connect(on_attempt_passed, dispatch_uid="certification.on_attempt_passed")
        material_refreshed.connect(on_material_refreshed, dispatch_uid="certification.on_material_refreshed")
