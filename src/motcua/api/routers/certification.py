"""``/certification``: see motcua.certification."""

from ninja import Router

router = Router(tags=["certification"])
