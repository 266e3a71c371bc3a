"""``/me``: who the caller is and what they may see; the simplest way to check credentials."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from motcua.agencies.selectors import agencies_for, receiving_points_for, user_roles

from ..schemas.me import MeOut
from ..schemas.problems import Problem

router = Router(tags=["me"])


@router.get("", response={200: MeOut, 401: Problem}, summary="The authenticated user, roles and scope")
def me_get(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.auth  # type: ignore[attr-defined]
    return {
        "username": user.username,
        "full_name": user.full_name or user.get_full_name(),
        "roles": user_roles(user=user),
        "receiving_points": list(receiving_points_for(user=user).values_list("code", flat=True)),
        "agencies": list(agencies_for(user=user).values_list("code", flat=True)),
    }
