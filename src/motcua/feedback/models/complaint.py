"""A petition or complaint (phản ánh, kiến nghị) and its append-only history (docs/feedback.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..lifecycle import ComplaintAction, ComplaintStatus


class Category(models.TextChoices):
    HANDLING = "handling", _("the handling of a dossier")
    REGULATION = "regulation", _("an administrative regulation")
    CONDUCT = "conduct", _("a clerk's or official's conduct")
    OTHER = "other", _("something else")


class DueFlag(models.TextChoices):
    NONE = "", _("on track")
    NEAR = "near", _("near due")
    OVERDUE = "overdue", _("overdue")


class Complaint(models.Model):
    # Random, not a sequence: knowing one reference tells nothing of the others (docs/feedback.md, "Access").
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    account = models.ForeignKey(
        "citizens.CitizenAccount",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("citizen account"),
    )
    name = models.CharField(_("full name"), max_length=255)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("dossier"),
    )
    # Who handles it: the one-stop supervisors and leaders of the dossier's lead agency; without a dossier, the
    # one-stop supervisors of the province (docs/feedback.md, "Who handles").
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    province = models.ForeignKey(
        "localities.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    category = models.CharField(_("about"), max_length=12, choices=Category.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("content"))
    status = models.CharField(
        _("status"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    filed_at = models.DateTimeField(_("filed at"), db_index=True)
    ack_due_at = models.DateTimeField(_("to acknowledge by"))
    more_info_due_at = models.DateTimeField(_("to ask for more by"))
    answer_due_at = models.DateTimeField(_("to answer by"), db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    info_requested_at = models.DateTimeField(_("more information asked at"), null=True, blank=True)
    info_request = models.TextField(_("information asked for"), blank=True)
    info_replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    info_reply = models.TextField(_("citizen's reply"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The last deadline flag raised by the periodic watch, as "<deadline>:<flag>", so it is raised once.
    flag = models.CharField(_("deadline flag"), max_length=10, choices=DueFlag.choices, blank=True)
    flag_key = models.CharField(_("flag raised for"), max_length=30, blank=True)

    class Meta:
        ordering = ("answer_due_at",)
        verbose_name = _("petition or complaint")
        verbose_name_plural = _("petitions and complaints")
        indexes = [models.Index(fields=("status", "answer_due_at"), name="complaint_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ack_due_at__gte=models.F("filed_at"))
                & models.Q(more_info_due_at__gte=models.F("ack_due_at"))
                & models.Q(answer_due_at__gte=models.F("more_info_due_at")),
                name="complaint_deadlines_in_order",
            ),
            models.CheckConstraint(condition=~models.Q(phone="", email=""), name="complaint_has_a_contact"),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="complaint_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["answered", "closed"]) | ~models.Q(answer=""),
                name="complaint_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=[c.value for c in Category]), name="complaint_category_known"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class ComplaintEvent(models.Model):
    """One entry of a complaint's history: append-only, numbered per complaint."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField(_("number"))
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=16, choices=ComplaintAction.choices)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16)
    note = models.TextField(_("note"), blank=True)
    on_time = models.BooleanField(_("within its deadline"), null=True, blank=True)

    class Meta:
        ordering = ("complaint", "seq")
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint history")
        constraints = [models.UniqueConstraint(fields=("complaint", "seq"), name="complaint_event_unique_seq")]

    def __str__(self) -> str:
        return f"{self.complaint_id}#{self.seq} {self.action}"
