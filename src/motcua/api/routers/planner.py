"""``/planner``: see motcua.planner."""

from ninja import Router

router = Router(tags=["planner"])
