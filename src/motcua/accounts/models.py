from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of a post office or agency, a planner, a trainer, an administrator.

    What they may do is not stored here but in their staff assignments (``agencies.StaffAssignment``),
    each a role with a scope.
    """

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        """The name as the person writes it (``full_name``), else Django's first and last names: every page that
        shows a person by name (a postman on an order, a signer) asks this."""
        return self.full_name or super().get_full_name()

    def __str__(self) -> str:
        return self.get_full_name() or self.username
