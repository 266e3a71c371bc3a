"""Cache invalidation only: any saved or deleted override makes the next lookup rebuild the calendar.

No workflow here: auditing and validation are in :mod:`motcua.workdays.services`.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import overrides_changed
from .models import DayOverride


@receiver(post_save, sender=DayOverride, dispatch_uid="workdays_override_saved")
@receiver(post_delete, sender=DayOverride, dispatch_uid="workdays_override_deleted")
def _override_changed(**kwargs) -> None:
    overrides_changed()
