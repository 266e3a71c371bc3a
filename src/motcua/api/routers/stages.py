"""``/stages``: the published stage catalogue (docs/stages.md). Staff only, read-only."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from motcua.stages.selectors import catalogue_current, stage_get

from ..schemas.problems import Problem
from ..schemas.stages import CatalogueOut, StageOut

router = Router(tags=["stages"])


@router.get("", response={200: CatalogueOut, 401: Problem, 404: Problem}, summary="The published stage catalogue")
def stages_catalogue(request: HttpRequest) -> Any:
    """Every stage of the published version in order, with its steps and its start and end events."""
    return catalogue_current()


@router.get("/{code}", response={200: StageOut, 401: Problem, 404: Problem}, summary="One stage by its code")
def stage_detail(request: HttpRequest, code: str) -> Any:
    """The stage `code` (stable across versions: guide, receive, digitize…) of the published catalogue."""
    return stage_get(code)
