"""``/stages``: see motcua.stages."""

from ninja import Router

router = Router(tags=["stages"])
