from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "motcua.indicators"
    label = "indicators"
    verbose_name = _("Service-quality indicators")

    def ready(self) -> None:
        # The rollups follow every change of a dossier's facts (docs/indicators.md, "Rollups"). Connected here:
        # the dossiers app and the others never import the indicators.
        from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent
        from motcua.feedback.models import Complaint, DossierRating
        from motcua.national.models import Delivery
        from motcua.payments.models import Payment

        from .rollups.triggers import mark_dossier, mark_dossier_of

        post_save.connect(mark_dossier, sender=Dossier, dispatch_uid="indicators.rollups.dossier")
        for model in (DossierEvent, DossierComponent, Payment, DossierRating, Complaint, Delivery):
            post_save.connect(
                mark_dossier_of, sender=model, dispatch_uid=f"indicators.rollups.{model._meta.label_lower}"
            )
