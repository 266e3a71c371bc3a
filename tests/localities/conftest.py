"""The maps are loaded once for this folder, and removed again after it.

Loading 13,000 rows per test would be slow, so the package-scoped ``loaded_localities`` commits one
load to the test database; each test then runs in its own transaction on top of it, rolled back as
usual. Other folders create their own provinces with codes that the real map also uses, so the rows
are deleted when this folder is done.
"""

from __future__ import annotations

import pytest

from motcua.localities.models import Commune, LegacyCommune, LegacyDistrict, LegacyProvince, LoadedDataset, Province
from motcua.localities.services import localities_load


@pytest.fixture(scope="package")
def loaded_localities(django_db_setup, django_db_blocker) -> dict[str, int]:
    """The counts returned by the first load of the package's database."""
    with django_db_blocker.unblock():
        counts = localities_load()
    yield counts
    with django_db_blocker.unblock():
        for model in (LegacyCommune, LegacyDistrict, LegacyProvince, Commune, Province, LoadedDataset):
            model.objects.all().delete()


@pytest.fixture
def localities(loaded_localities, db) -> dict[str, int]:
    """Both maps in the database for one test; a cheap check reloads them if a test elsewhere flushed them."""
    return localities_load()
