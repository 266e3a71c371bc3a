from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A domain event written in the same transaction as the change, delivered at least once.

    ``key`` makes writing idempotent (a retried service cannot enqueue twice); consumers use it to
    ignore a message they have already handled.
    """

    key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    topic = models.CharField(_("topic"), max_length=60, db_index=True)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ("id",)
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.topic} {self.key}"
