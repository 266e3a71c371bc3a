"""Official slips of Circular 03/2025, Annex I, as HTML and PDF (WeasyPrint, A4, Noto fonts).

``slip_pdf(kind="01", dossier=d)`` → bytes; ``slip_html(...)`` → the HTML it is printed from. Kinds:
01 receipt and appointment, 02 supplement request, 03 refusal, 04 apology and extension, 05 notice of
stopped processing, 06 processing control sheet, 07 dossier register (``dossiers=`` a queryset).
"""

from __future__ import annotations

from .render import SLIP_KINDS, SLIP_TITLES, SlipUnavailable, slip_html, slip_pdf

__all__ = ["SLIP_KINDS", "SLIP_TITLES", "SlipUnavailable", "slip_html", "slip_pdf"]
