from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.parcels import DEFAULT_PARCEL_WEIGHT_GRAMS

from .tariff import Payer, Service, Zone

__all__ = [
    "PICKUP_STEPS",
    "OrderKind",
    "OrderStatus",
    "PickupStep",
    "PostalOrder",
    "Service",
    "TrackingEvent",
    "Zone",
]


class OrderKind(models.TextChoices):
    PICKUP = "pickup", _("home pickup of a dossier")
    DELIVERY = "delivery", _("delivery of a result")


class OrderStatus(models.TextChoices):
    # Pickup: booked → assigned → collected → handed_over (the dossier is received at the point).
    BOOKED = "booked", _("booked")
    ASSIGNED = "assigned", _("assigned to a postman")
    COLLECTED = "collected", _("collected at home")
    HANDED_OVER = "handed_over", _("handed to the one-stop")
    # Delivery: created → accepted (by the carrier) → out_for_delivery → delivered, or attempt_failed
    # (again out_for_delivery) → returned_to_counter after the last attempt.
    CREATED = "created", _("created")
    ACCEPTED = "accepted", _("accepted by the post")
    OUT_FOR_DELIVERY = "out_for_delivery", _("out for delivery")
    ATTEMPT_FAILED = "attempt_failed", _("delivery attempt failed")
    DELIVERED = "delivered", _("delivered")
    RETURNED_TO_COUNTER = "returned_to_counter", _("returned to the counter")
    CANCELLED = "cancelled", _("cancelled")


class PickupStep(models.TextChoices):
    """What is done to a home pickup, in order (docs/domain.md, "The postal steps of a home pickup and a delivery")."""

    ASSIGN = "assign", _("assign to a postman")
    COLLECT = "collect", _("collect at home")
    HAND_OVER = "hand_over", _("hand over to the one-stop")
    SLIP_GIVEN = "slip_given", _("give slip 01 back to the applicant")


# The pickup's state table, like the delivery's (``postal.services.delivery.DELIVERY_EVENTS``): step → (the order
# states it may be taken in, the state it leads to). The pickup services take no step outside it.
PICKUP_STEPS: dict[PickupStep, tuple[frozenset[OrderStatus], OrderStatus]] = {
    # Assigned again: given to another postman before the papers are collected.
    PickupStep.ASSIGN: (frozenset({OrderStatus.BOOKED, OrderStatus.ASSIGNED}), OrderStatus.ASSIGNED),
    PickupStep.COLLECT: (frozenset({OrderStatus.ASSIGNED}), OrderStatus.COLLECTED),
    PickupStep.HAND_OVER: (frozenset({OrderStatus.COLLECTED}), OrderStatus.HANDED_OVER),
    # Slip 01 goes back once the dossier is received; the order stays handed over, and the postman's access ends.
    PickupStep.SLIP_GIVEN: (frozenset({OrderStatus.HANDED_OVER}), OrderStatus.HANDED_OVER),
}


class PostalOrder(models.Model):
    """A home pickup of a dossier, or the delivery of a result, carried by a postal carrier."""

    kind = models.CharField(_("kind"), max_length=10, choices=OrderKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=OrderStatus.choices)
    tracking_number = models.CharField(_("tracking number"), max_length=40, unique=True)
    carrier = models.CharField(_("carrier"), max_length=40, default="simulated")
    carrier_ref = models.CharField(_("carrier's reference"), max_length=100, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="postal_orders"
    )
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("procedure")
    )
    receiving_point = models.ForeignKey(
        "agencies.ReceivingPoint", on_delete=models.PROTECT, related_name="postal_orders", verbose_name=_("post office")
    )
    lead_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead agency"),
        help_text=_("For a pickup: the agency that will decide, to which the collected fees are owed."),
    )
    # Who and where.
    contact_name = models.CharField(_("contact"), max_length=255)
    contact_id_number = models.CharField(_("ID number"), max_length=13, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20)
    address = models.CharField(_("address"), max_length=255)
    commune = models.ForeignKey("localities.Commune", on_delete=models.PROTECT, verbose_name=_("commune"))
    window_start = models.DateTimeField(_("from"), null=True, blank=True)
    window_end = models.DateTimeField(_("until"), null=True, blank=True)
    postman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postal_orders",
        verbose_name=_("postman"),
    )
    # Money.
    service = models.CharField(_("service"), max_length=10, choices=Service.choices, default=Service.STANDARD)
    zone = models.CharField(_("zone"), max_length=20, choices=Zone.choices, default=Zone.IN_PROVINCE)
    weight_grams = models.PositiveIntegerField(_("weight (grams)"), default=DEFAULT_PARCEL_WEIGHT_GRAMS)
    postage = models.PositiveBigIntegerField(_("postage (VND)"), default=0)
    postage_payer = models.CharField(_("postage paid by"), max_length=10, choices=Payer.choices)
    fees_to_collect = models.PositiveBigIntegerField(_("fees to collect (VND)"), default=0)
    fee_lines = models.JSONField(
        _("fee lines chosen"),
        default=dict,
        blank=True,
        help_text=_("For a pickup: the procedure's fee lines that apply, fee id → units; passed to the reception."),
    )
    return_by_post = models.BooleanField(
        _("result delivered by post"),
        default=False,
        help_text=_("For a pickup: the result is brought back to the same address."),
    )
    # Delivery.
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    recipient_name = models.CharField(_("received by"), max_length=255, blank=True)
    recipient_relation = models.CharField(_("relation to the applicant"), max_length=100, blank=True)
    done_at = models.DateTimeField(_("collected or delivered at"), null=True, blank=True)
    last_event_at = models.DateTimeField(_("last carrier event at"), null=True, blank=True)
    papers = models.JSONField(
        _("papers collected"), default=list, blank=True, help_text=_("For a pickup: the papers the postman took.")
    )
    note = models.TextField(_("note"), blank=True)
    # The postal steps of a pickup (docs/domain.md, "The postal steps of a home pickup and a delivery").
    papers_digest = models.CharField(
        _("fingerprint of the list of papers"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the list of papers the postman and the applicant signed."),
    )
    seal_number = models.CharField(
        _("seal number"), max_length=40, blank=True, help_text=_("For a pickup: the number on the envelope's seal.")
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("papers checked by"),
    )
    checked_at = models.DateTimeField(_("papers checked at"), null=True, blank=True)
    check_note = models.TextField(_("note of the check"), blank=True)
    slip_given_at = models.DateTimeField(
        _("slip 01 given to the applicant at"),
        null=True,
        blank=True,
        help_text=_("For a pickup: the postman brought the receipt and appointment back to the applicant."),
    )
    # Delivery: who signed for the result (docs/domain.md, "The postal steps of a home pickup and a delivery").
    recipient_id_number = models.CharField(_("recipient's ID number"), max_length=13, blank=True)
    recipient_authorization = models.CharField(_("authorization paper"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("postal order")
        verbose_name_plural = _("postal orders")
        indexes = [
            models.Index(fields=("kind", "status"), name="postal_order_kind_status"),
            models.Index(fields=("postman", "status"), name="postal_order_postman"),
        ]
        constraints = [
            # One live delivery per dossier: a result is not sent twice.
            models.UniqueConstraint(
                fields=("dossier",),
                condition=models.Q(kind="delivery") & ~models.Q(status="cancelled"),
                name="postal_one_delivery_per_dossier",
            ),
            models.CheckConstraint(
                condition=models.Q(window_end__isnull=True)
                | models.Q(window_start__isnull=True)
                | models.Q(window_end__gt=models.F("window_start")),
                name="postal_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number


class TrackingEvent(models.Model):
    """An event a carrier reported for an order (webhook or polling), kept once per carrier event id."""

    order = models.ForeignKey(PostalOrder, on_delete=models.CASCADE, related_name="events")
    carrier = models.CharField(_("carrier"), max_length=40)
    event_id = models.CharField(_("carrier's event id"), max_length=100)
    kind = models.CharField(_("event"), max_length=30)
    at = models.DateTimeField(_("happened at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    payload = models.JSONField(_("payload"), default=dict)
    applied = models.BooleanField(_("applied"), default=False, help_text=_("False for a stale (out-of-order) event."))

    class Meta:
        ordering = ("order", "at", "pk")
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")
        constraints = [models.UniqueConstraint(fields=("carrier", "event_id"), name="tracking_event_once")]

    def __str__(self) -> str:
        return f"{self.order} {self.kind} {self.at:%Y-%m-%d %H:%M}"
