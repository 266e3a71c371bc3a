"""``/training``: see motcua.training."""

from ninja import Router

router = Router(tags=["training"])
