from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.identity import ID_NUMBER_PATTERN

from ..lifecycle import Channel, Status


def dossier_file_path(instance: models.Model, filename: str) -> str:
    """Files of a dossier live under its code; they are served only through the scoped desk view."""
    dossier = instance if isinstance(instance, Dossier) else instance.dossier  # type: ignore[attr-defined]
    return f"dossiers/{dossier.code}/{filename}"


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("citizen")
    ORGANIZATION = "organization", _("organization")


class ReturnMethod(models.TextChoices):
    COUNTER = "counter", _("at the counter")
    POST = "post", _("by post")
    # Online: the signed electronic result, downloaded by the applicant from My dossiers (issue 14).
    ELECTRONIC = "electronic", _("electronically")


class Completion(models.TextChoices):
    EARLY = "early", _("early")
    ON_TIME = "on_time", _("on time")
    LATE = "late", _("late")


# Real work: a dossier received anywhere but at a training point. Dossiers practised in the training sandbox live at
# a training point and are nobody's real work: every reader of real work (inboxes, supervision, register 07, the
# national exchange, the deadline watch, reconciliation, calibration) keeps to this (docs/training.md, "The sandbox").
REAL_WORK = models.Q(receiving_point__is_training=False)


class DossierQuerySet(models.QuerySet["Dossier"]):
    def real(self) -> DossierQuerySet:
        """Without the dossiers practised at training points."""
        return self.filter(REAL_WORK)


class Dossier(models.Model):
    """A dossier (hồ sơ) received for one procedure version, from reception to the returned result."""

    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    issuing_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="issued_dossiers", verbose_name=_("issuing unit")
    )
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion", on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("procedure")
    )
    lead_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="led_dossiers", verbose_name=_("lead agency")
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    applicant_kind = models.CharField(_("applicant is"), max_length=15, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("applicant"), max_length=255)
    applicant_id_number = models.CharField(
        _("ID number or tax code"), max_length=14, help_text=_("12-digit citizen ID, or a 10- or 13-digit tax code.")
    )
    applicant_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=255)
    applicant_commune = models.ForeignKey(
        "localities.Commune", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    representative_name = models.CharField(_("authorized representative"), max_length=255, blank=True)
    representative_id_number = models.CharField(_("representative's ID number"), max_length=12, blank=True)
    # Slip 01 prints the authorised person's address, phone and e-mail (Circular 03/2025, form 01).
    representative_address = models.CharField(_("representative's address"), max_length=255, blank=True)
    representative_phone = models.CharField(_("representative's phone"), max_length=20, blank=True)
    representative_email = models.EmailField(_("representative's e-mail"), blank=True)
    authorization_document = models.CharField(_("authorization paper"), max_length=255, blank=True)

    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("receiving point")
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("received by")
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    appointment_at = models.DateTimeField(_("result due at"), db_index=True)
    original_appointment_at = models.DateTimeField(_("first appointment"))
    extension_reason = models.TextField(_("reason for the new appointment"), blank=True)
    clock = models.JSONField(_("processing clock"), default=dict)
    supplement_requests = models.PositiveSmallIntegerField(_("supplement requests"), default=0)

    fees_charged = models.PositiveBigIntegerField(_("fees charged (VND)"), default=0)
    fees_paid = models.PositiveBigIntegerField(_("fees paid (VND)"), default=0)
    return_method = models.CharField(_("result returned"), max_length=10, choices=ReturnMethod.choices)
    return_address = models.CharField(_("delivery address"), max_length=255, blank=True)
    return_commune = models.ForeignKey(
        "localities.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delivery commune"),
        help_text=_(
            "The commune of the delivery address, when the result goes by post to another than the applicant's."
        ),
    )
    return_postage = models.PositiveBigIntegerField(
        _("postage quoted for the return (VND)"),
        null=True,
        blank=True,
        help_text=_("Quoted at reception when the result goes back by post; the delivery charges this amount."),
    )

    processed_at = models.DateTimeField(_("processing ended at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    completion = models.CharField(_("completion"), max_length=10, choices=Completion.choices, blank=True)
    lookup_secret = models.CharField(_("lookup secret"), max_length=16, help_text=_("Printed on the receipt."))
    submission_key = models.CharField(
        _("submission key"),
        max_length=64,
        blank=True,
        help_text=_("Sent once by the reception form, so a double-clicked submit receives one dossier."),
    )
    # Lower-case, accent-free "code applicant representative" for search; written at reception.
    search_text = models.TextField(_("search text"), editable=False, default="")
    result_file = models.FileField(_("result document"), upload_to=dossier_file_path, blank=True)
    result_reference = models.CharField(_("result number"), max_length=100, blank=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ("-received_at",)
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=("status", "appointment_at"), name="dossier_status_due"),
            models.Index(fields=("lead_agency", "status"), name="dossier_agency_status"),
            models.Index(fields=("receiving_point", "status"), name="dossier_point_status"),
            # A citizen's own dossiers (My dossiers, the data store's uses): one number among millions.
            models.Index(fields=("applicant_id_number", "received_at"), name="dossier_applicant"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(appointment_at__gte=models.F("received_at")), name="dossier_due_after_reception"
            ),
            models.CheckConstraint(
                condition=models.Q(fees_paid__lte=models.F("fees_charged")), name="dossier_paid_at_most_charged"
            ),
            models.CheckConstraint(
                condition=~models.Q(return_method="post") | ~models.Q(return_address=""),
                name="dossier_post_return_has_address",
            ),
            models.CheckConstraint(
                condition=models.Q(returned_at__isnull=True) | models.Q(status="returned"),
                name="dossier_returned_at_only_when_returned",
            ),
            models.CheckConstraint(
                condition=models.Q(completion="") | models.Q(processed_at__isnull=False),
                name="dossier_completion_needs_end",
            ),
            models.UniqueConstraint(
                fields=("received_by", "submission_key"),
                condition=~models.Q(submission_key=""),
                name="dossier_one_per_submission",
            ),
            models.CheckConstraint(
                condition=models.Q(applicant_id_number__regex=ID_NUMBER_PATTERN),
                name="dossier_applicant_id_format",
            ),
        ]

    def __str__(self) -> str:
        return self.code
