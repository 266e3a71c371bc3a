"""The desk's panel on a dossier page: supplements sent online and requests to stop processing, pending the
clerk of the point that received the dossier (registered in ``apps.ready``; docs/my-dossiers.md)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from motcua.agencies.selectors import user_may_receive_at

from .models import CitizenSupplement, RequestStatus, StopRequest


def citizen_requests_panel(request: Any, dossier: Any) -> str:
    supplements = list(
        CitizenSupplement.objects.filter(dossier=dossier, status=RequestStatus.PENDING).prefetch_related("files")
    )
    stops = list(StopRequest.objects.filter(dossier=dossier, status=RequestStatus.PENDING))
    if not supplements and not stops:
        return ""
    if not user_may_receive_at(user=request.user, point=dossier.receiving_point):
        return ""
    context = {"dossier": dossier, "supplements": supplements, "stops": stops}
    return render_to_string("mydossiers/desk_panel.html", context, request=request)
