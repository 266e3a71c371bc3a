"""The local provider's identities and its authorization codes."""

from __future__ import annotations

import uuid

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.citizens.models import AccountKind
from motcua.core.identity import ID_NUMBER_PATTERN


class LocalIdentity(models.Model):
    """A person (or a business) the local provider vouches for, with a password it checks itself."""

    subject = models.UUIDField(_("subject"), default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(
        _("ID number or tax code"),
        max_length=13,
        unique=True,
        help_text=_("12-digit personal identification number, or a 10- or 13-digit tax code."),
    )
    kind = models.CharField(_("identity of"), max_length=15, choices=AccountKind.choices, default=AccountKind.CITIZEN)
    full_name = models.CharField(_("full name"), max_length=255)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    password = models.CharField(_("password"), max_length=128)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("local identity")
        verbose_name_plural = _("local identities")
        constraints = [
            models.CheckConstraint(condition=models.Q(number__regex=ID_NUMBER_PATTERN), name="local_identity_number")
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.number})"

    def set_password(self, raw_password: str) -> None:
        self.password = make_password(raw_password)

    def check_password(self, raw_password: str) -> bool:
        return bool(self.password) and check_password(raw_password, self.password)


class LocalAuthorizationCode(models.Model):
    """An authorization code handed to the client: stored hashed, short-lived, exchanged once."""

    code_hash = models.CharField(_("code (SHA-256)"), max_length=64, unique=True)
    identity = models.ForeignKey(LocalIdentity, on_delete=models.CASCADE, related_name="codes")
    client_id = models.CharField(_("client"), max_length=100)
    redirect_uri = models.CharField(_("redirect URI"), max_length=500)
    nonce = models.CharField(_("nonce"), max_length=255, blank=True)
    code_challenge = models.CharField(_("PKCE challenge"), max_length=128, blank=True)
    scope = models.CharField(_("scope"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("authorization code")
        verbose_name_plural = _("authorization codes")

    def __str__(self) -> str:
        return f"{self.client_id} → {self.identity_id} ({self.expires_at:%Y-%m-%d %H:%M})"
