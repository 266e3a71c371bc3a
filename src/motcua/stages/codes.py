"""The short codes a stage lists: the indicators it affects and the slips it produces."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.slips.render import SLIP_TITLES


class Indicator(models.TextChoices):
    """The groups of the service-quality index of Decision 766/QĐ-TTg (2022), as short codes."""

    TRANSPARENCY = "transparency", _("transparency")
    PROGRESS = "progress", _("progress and time limits")
    ONLINE = "online", _("online public services")
    PAYMENT = "payment", _("online payment")
    SATISFACTION = "satisfaction", _("satisfaction")
    DIGITIZATION = "digitization", _("digitization of dossiers and results")


#: Slips a stage may produce: forms 01–07 of Circular 03/2025/TT-VPCP, Annex I, and the counter's own papers
#: (the guidance slip, the hand-over list, the acknowledgement of a supplement), as ``dossiers.slips`` names them.
SLIP_CODES: tuple[str, ...] = tuple(SLIP_TITLES)


def slip_title(code: str) -> str:
    return SLIP_TITLES.get(code, code)
