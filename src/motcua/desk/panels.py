"""Panels that apps built on the desk add to the dossier page (the queue's wait, for one), without the desk
importing them: an app registers a function in its ``ready()``; the page renders what each returns.

A panel function takes the request and the dossier and returns HTML (already escaped, e.g. from
``render_to_string``) or an empty string when it has nothing to say for this dossier or this viewer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

DossierPanel = Callable[[Any, Any], str]
DOSSIER_PANELS: list[DossierPanel] = []


def dossier_panel_register(panel: DossierPanel) -> None:
    if panel not in DOSSIER_PANELS:
        DOSSIER_PANELS.append(panel)


def dossier_panels(request: Any, dossier: Any) -> list[SafeString]:
    rendered = (panel(request, dossier) for panel in DOSSIER_PANELS)
    return [mark_safe(html) for html in rendered if html]  # noqa: S308 - each panel renders through a template
