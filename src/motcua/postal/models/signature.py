"""A signature drawn on the postman's phone under the list of papers collected at a home pickup."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .order import PostalOrder


class Signer(models.TextChoices):
    POSTMAN = "postman", _("postman")
    APPLICANT = "applicant", _("applicant")


def signature_path(instance: PaperListSignature, filename: str) -> str:
    # Private storage, like the dossiers' scans: served only through the scoped views.
    return f"postal/{instance.order.tracking_number}/{instance.signer}-{instance.papers_digest[:12]}.png"


class PaperListSignature(models.Model):
    """One side's signature of the list of papers (Circular 17/2017/TT-BTTTT, art. 5: the postman and the
    applicant both sign the list). ``papers_digest`` ties it to the list it was drawn under: it must equal
    the order's ``papers_digest``, the SHA-256 of that list."""

    order = models.ForeignKey(PostalOrder, on_delete=models.CASCADE, related_name="signatures")
    signer = models.CharField(_("signed by"), max_length=10, choices=Signer.choices)
    signer_name = models.CharField(_("name"), max_length=255)
    image = models.FileField(_("signature (PNG)"), upload_to=signature_path)
    papers_digest = models.CharField(_("fingerprint of the list signed"), max_length=64)
    signed_at = models.DateTimeField(_("signed at"))

    class Meta:
        ordering = ("order", "signer")
        verbose_name = _("signature of a list of papers")
        verbose_name_plural = _("signatures of lists of papers")
        constraints = [models.UniqueConstraint(fields=("order", "signer"), name="postal_one_signature_per_side")]

    def __str__(self) -> str:
        return f"{self.order} {self.signer}"
