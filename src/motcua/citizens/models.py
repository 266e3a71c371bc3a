"""A citizen's (or a business's) account: a user who signed in through OpenID Connect, never a staff member.

The account holds what the identity provider vouched for; what the person may see follows from one number, the
``owner_number`` (the 12-digit personal identification number, or a business's 10- or 13-digit tax code), which
is the number a dossier's applicant and a data-store document's owner carry (docs/citizens.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.identity import ID_NUMBER_PATTERN


class AccountKind(models.TextChoices):
    CITIZEN = "citizen", _("citizen")
    ORGANIZATION = "organization", _("organization")


class CitizenAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen", verbose_name=_("user")
    )
    kind = models.CharField(_("account of"), max_length=15, choices=AccountKind.choices, default=AccountKind.CITIZEN)
    owner_number = models.CharField(
        _("ID number or tax code"),
        max_length=13,
        unique=True,
        help_text=_("12-digit personal identification number, or a 10- or 13-digit tax code."),
    )
    full_name = models.CharField(_("full name"), max_length=255)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    issuer = models.CharField(_("identity provider"), max_length=255)
    subject = models.CharField(_("subject at the identity provider"), max_length=255)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_in_at = models.DateTimeField(_("last signed in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("citizen account")
        verbose_name_plural = _("citizen accounts")
        constraints = [
            models.UniqueConstraint(fields=("issuer", "subject"), name="citizen_account_one_per_subject"),
            models.CheckConstraint(
                condition=models.Q(owner_number__regex=ID_NUMBER_PATTERN), name="citizen_account_owner_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.owner_number})"
