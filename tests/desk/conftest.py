"""Desk tests reuse the dossier tests' small world (tests/dossiers/conftest.py)."""

from tests.dossiers.conftest import World, at, world  # noqa: F401
