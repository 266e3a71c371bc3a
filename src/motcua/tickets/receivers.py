"""What the queue hears from the apps it is built on (it imports them; they never import it)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save


def on_dossier_event(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    from .services.linking import LINKED_ACTIONS, ticket_link_dossier

    if not created or raw or instance.action not in LINKED_ACTIONS or instance.actor_id is None:
        return
    ticket_link_dossier(dossier=instance.dossier, action=instance.action, user=instance.actor, at=instance.at)


def connect() -> None:
    from motcua.dossiers.models import DossierEvent

    post_save.connect(on_dossier_event, sender=DossierEvent, dispatch_uid="tickets.on_dossier_event")
