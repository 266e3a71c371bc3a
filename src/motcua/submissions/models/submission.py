from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import ReturnMethod

from ..lifecycle import SubmissionStatus

# No 0/O, 1/I/L: a reference read out over the phone or at the counter is not misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 10


def reference_new() -> str:
    """A public reference nobody can guess or enumerate: 10 random characters (about 49 bits)."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def _key_new() -> str:
    return uuid.uuid4().hex


class SubmissionOrigin(models.TextChoices):
    """Where the submission was filed: on motcua's own pages, or on the National Public Service Portal (pulled by
    ``manage.py national_pull``; docs/submissions.md, "Filed on the national portal")."""

    WEB = "web", _("motcua's online service")
    NATIONAL = "national", _("National Public Service Portal")


class OnlineSubmission(models.Model):
    """A request filed online by a citizen (or by a postal clerk on their behalf, with their consent), waiting in
    the one-stop's online inbox until a clerk accepts it (a dossier is registered), asks for a supplement, or
    refuses it."""

    reference = models.CharField(_("reference"), max_length=REFERENCE_LENGTH, unique=True, default=reference_new)
    # What the reception is keyed by: accepting the same submission twice registers one dossier.
    key = models.CharField(_("submission key"), max_length=32, unique=True, default=_key_new, editable=False)
    origin = models.CharField(
        _("filed on"), max_length=10, choices=SubmissionOrigin.choices, default=SubmissionOrigin.WEB
    )
    national_code = models.CharField(_("national dossier code"), max_length=60, blank=True)
    # A filing from the national portal has an owner only when its applicant has a motcua account.
    owner = models.ForeignKey(
        "citizens.CitizenAccount",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("applicant"),
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed with the help of"),
    )
    consent = models.ForeignKey(
        "submissions.AssistConsent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("consent to assisted filing"),
    )
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion", on_delete=models.PROTECT, related_name="+", verbose_name=_("procedure")
    )
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="online_submissions",
        verbose_name=_("receiving point"),
    )
    form_data = models.JSONField(_("form data"), default=dict, blank=True)
    fee_lines = models.JSONField(_("fee lines chosen"), default=dict, blank=True)
    return_method = models.CharField(_("result returned"), max_length=10, choices=ReturnMethod.choices, blank=True)
    return_commune = models.ForeignKey(
        "localities.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_address = models.CharField(_("delivery address"), max_length=255, blank=True)
    return_postage = models.PositiveIntegerField(_("postage quoted (VND)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT, db_index=True
    )
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="online_submission",
        verbose_name=_("dossier"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ("-updated_at",)
        verbose_name = _("online submission")
        verbose_name_plural = _("online submissions")
        indexes = [models.Index(fields=("status", "submitted_at"), name="submission_waiting")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=SubmissionStatus.ACCEPTED, dossier__isnull=False)
                | (~models.Q(status=SubmissionStatus.ACCEPTED) & models.Q(dossier__isnull=True)),
                name="submission_accepted_has_dossier",
            ),
            models.CheckConstraint(
                condition=models.Q(status=SubmissionStatus.DRAFT) | models.Q(submitted_at__isnull=False),
                name="submission_submitted_at",
            ),
            models.CheckConstraint(
                condition=models.Q(helper__isnull=True) | models.Q(consent__isnull=False),
                name="submission_helper_has_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(origin=SubmissionOrigin.NATIONAL) | models.Q(owner__isnull=False),
                name="submission_web_has_owner",
            ),
            models.CheckConstraint(
                condition=(models.Q(origin=SubmissionOrigin.WEB) & models.Q(national_code=""))
                | (models.Q(origin=SubmissionOrigin.NATIONAL) & ~models.Q(national_code="") & models.Q(helper=None)),
                name="submission_national_has_code",
            ),
            models.UniqueConstraint(
                fields=("national_code",),
                condition=models.Q(origin=SubmissionOrigin.NATIONAL),
                name="submission_national_code_once",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_national(self) -> bool:
        return self.origin == SubmissionOrigin.NATIONAL

    @property
    def applicant_name(self) -> str:
        return str(self.form_data.get("applicant_name") or (self.owner.full_name if self.owner else ""))

    @property
    def id_number(self) -> str:
        """The applicant's ID number or tax code: the account's, else (a national filing without an account) the
        one the national record gave."""
        return self.owner.owner_number if self.owner else str(self.form_data.get("applicant_id_number") or "")

    @property
    def is_organization(self) -> bool:
        if self.owner is not None:
            return self.owner.kind == "organization"
        return self.form_data.get("applicant_kind") == "organization"

    @property
    def contacts(self) -> dict[str, str]:
        """Where the applicant is told: their account's contacts, else those of the national record."""
        if self.owner is not None:
            return {"email": self.owner.email, "sms": self.owner.phone, "zalo": self.owner.phone}
        phone = str(self.form_data.get("applicant_phone") or "")
        return {"email": str(self.form_data.get("applicant_email") or ""), "sms": phone, "zalo": phone}
