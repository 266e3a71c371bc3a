"""The demo loader brings the catalogue back to a database emptied since its migrations (a test server's flush)."""

from __future__ import annotations

import pytest

from motcua.stages.default_v1 import STAGES
from motcua.stages.demo import stages_load_demo
from motcua.stages.models import CatalogueVersion
from motcua.stages.selectors import catalogue_current

pytestmark = pytest.mark.django_db


def test_an_emptied_catalogue_is_loaded_again_and_a_present_one_is_kept():
    assert stages_load_demo() == {"stage_catalogue_versions": 0}  # the migration's version 1 is there
    CatalogueVersion.objects.all().delete()

    assert stages_load_demo() == {"stage_catalogue_versions": 1}

    current = catalogue_current()
    assert [stage.code for stage in current.stages.order_by("sort_order")] == [spec.code for spec in STAGES]
    assert current.stages.get(code="receive").steps.count() == len(next(s for s in STAGES if s.code == "receive").steps)
