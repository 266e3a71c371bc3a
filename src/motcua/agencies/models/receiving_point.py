from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceivingPointKind(models.TextChoices):
    SERVICE_CENTRE = "service_centre", _("public administrative service centre")
    ONE_STOP = "one_stop", _("one-stop department")
    POST_OFFICE = "post_office", _("post office")


class PointChannel(models.TextChoices):
    """How a reception at a point reaches the one-stop unit, docs/domain.md "Channels". The values are the
    dossier's channels (``dossiers.lifecycle.Channel``)."""

    COUNTER = "counter", _("directly, at the one-stop unit's counter")
    POSTAL = "postal", _("through the public postal service")


class ReceivingPoint(models.Model):
    """A place where dossiers are received and results returned: a centre, a one-stop, a post office."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ReceivingPointKind.choices)
    operator = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="operated_points",
        verbose_name=_("operated by"),
        help_text=_("The centre, one-stop department or postal unit whose staff work here."),
    )
    one_stop_unit = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reception_points",
        verbose_name=_("receives for"),
        help_text=_(
            "The one-stop unit (public administrative service centre or an agency's reception unit) in whose "
            "name dossiers received here are registered and their papers issued; a centre's own point: the "
            "centre. Empty: the lead agency's one-stop unit."
        ),
    )
    channel = models.CharField(
        _("reception channel"),
        max_length=10,
        choices=PointChannel.choices,
        blank=True,
        help_text=_(
            "Empty: by its kind (a post office receives through the public postal service, a centre or "
            "one-stop directly). A post office housing the centre's counter receives directly."
        ),
    )
    serves = models.ManyToManyField(
        "agencies.Agency",
        related_name="receiving_points",
        blank=True,
        verbose_name=_("agencies served"),
        help_text=_("Agencies whose dossiers this point receives and whose results it returns."),
    )
    commune = models.ForeignKey("localities.Commune", on_delete=models.PROTECT, verbose_name=_("commune"))
    address = models.CharField(_("street address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    office_hours = models.CharField(
        _("office hours"),
        max_length=100,
        blank=True,
        help_text=_("Comma-separated HH:MM-HH:MM periods; empty for the default office hours."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_training = models.BooleanField(
        _("training point"),
        default=False,
        help_text=_(
            "A sandbox point where trainees practise on the real counter pages: its dossiers are nobody's real "
            "work (no agency inbox, national exchange, register or indicator counts them)."
        ),
    )

    class Meta:
        ordering = ("code",)
        verbose_name = _("receiving point")
        verbose_name_plural = _("receiving points")

    def __str__(self) -> str:
        return self.name

    @property
    def reception_channel(self) -> PointChannel:
        """The channel of a dossier handed in here, docs/domain.md "Channels"."""
        if self.channel:
            return PointChannel(self.channel)
        return PointChannel.POSTAL if self.kind == ReceivingPointKind.POST_OFFICE else PointChannel.COUNTER


class Counter(models.Model):
    receiving_point = models.ForeignKey(
        ReceivingPoint, on_delete=models.CASCADE, related_name="counters", verbose_name=_("receiving point")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    fields = models.ManyToManyField(
        "procedures.Field", blank=True, related_name="counters", verbose_name=_("fields handled")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("receiving_point", "number")
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        constraints = [models.UniqueConstraint(fields=("receiving_point", "number"), name="counter_unique_number")]

    def __str__(self) -> str:
        return f"{self.receiving_point} – {self.number}"
