"""Training listens to the catalogue: a published procedure version has its generated material refreshed."""

from __future__ import annotations

from typing import Any

from .generated_review import publication_announce


def on_version_published(sender: Any, version: Any, **kwargs: Any) -> None:
    """``procedures.services.versions.version_published``: announce it in the outbox, in the publishing transaction
    (the work itself is the outbox handler's, ``training.handlers``)."""
    publication_announce(version=version)
