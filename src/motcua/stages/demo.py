"""The stage catalogue for the demo: version 1, published, when no catalogue is there.

The migration ``0002_default_catalogue`` loads the same content on a new database; a database emptied since (a
test server's flush, an operator's reset) gets it back here, so the planner, training and the certification gate
always have their vocabulary.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .default_v1 import STAGES
from .models import CatalogueVersion, VersionStatus
from .specs import stages_write

NOTE = "Default catalogue: nine stages; time standards are defaults to calibrate (docs/stages.md)."


@transaction.atomic
def stages_load_demo() -> dict[str, int]:
    """Load the default catalogue as version 1, published, unless a catalogue exists; what was created."""
    if CatalogueVersion.objects.exists():
        return {"stage_catalogue_versions": 0}
    version = CatalogueVersion.objects.create(
        number=1, status=VersionStatus.PUBLISHED, published_at=timezone.now(), note=NOTE
    )
    stages_write(version=version, specs=STAGES)
    return {"stage_catalogue_versions": 1}
