"""Official slips of Circular 03/2025, Annex I, and the counter's own papers, as HTML and PDF (WeasyPrint,
A4, Noto fonts).

``slip_pdf(kind="01", dossier=d)`` → bytes; ``slip_html(...)`` → the HTML it is printed from. Kinds:
01 receipt and appointment, 02 supplement request, 03 refusal, 04 apology and extension, 05 notice of
stopped processing, 06 processing control sheet, 07 dossier register (``dossiers=`` a queryset);
``guidance`` the guidance slip of a procedure (``version=``), ``handover`` the hand-over list of a batch
of dossiers (``handover=``). Slips 02 and 03 also print before any dossier exists (``draft=`` a
:class:`SlipDraft`).
"""

from __future__ import annotations

from .context import SlipDraft
from .render import DRAFT_KINDS, SLIP_KINDS, SLIP_TITLES, SlipUnavailable, slip_html, slip_pdf

__all__ = ["DRAFT_KINDS", "SLIP_KINDS", "SLIP_TITLES", "SlipDraft", "SlipUnavailable", "slip_html", "slip_pdf"]
