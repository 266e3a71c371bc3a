from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "motcua.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from motcua.procedures.services.versions import version_published

        from . import handlers  # noqa: F401 - registers the outbox handler
        from .receivers import on_version_published

        version_published.connect(on_version_published, dispatch_uid="training.on_version_published")
