"""The dossier world of the dossier tests, a returned dossier, and the feedback settings."""

from __future__ import annotations

import dataclasses

import pytest

from motcua.dossiers.lifecycle import Status
from tests.dossiers.conftest import World, world  # noqa: F401 - the shared fixture
from tests.dossiers.transitions_support import reach


@pytest.fixture
def returned(world: World):  # noqa: F811 - the imported fixture
    """A dossier whose result was returned at the counter, with an e-mail to reach the applicant."""
    applicant = dataclasses.replace(world.reception().applicant, email="an@example.vn")
    return reach(world, Status.RETURNED, applicant=applicant)
