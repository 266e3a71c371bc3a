"""Writing the procedure catalogue: drafts, publication, search text."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.audit import events as audit
from motcua.core.errors import ApplicationError
from motcua.core.text import fold

from .models import Procedure, ProcedureVersion, VersionStatus


def procedure_refresh_search_text(*, procedure: Procedure) -> None:
    """Recompute the folded search text from the code, the current name and the field."""
    parts = [procedure.national_code, procedure.name, procedure.field.name]
    procedure.search_text = fold(" ".join(parts))
    Procedure.objects.filter(pk=procedure.pk).update(search_text=procedure.search_text)


@transaction.atomic
def procedure_version_publish(*, version: ProcedureVersion, actor: Any = None) -> ProcedureVersion:
    """Publish a draft: it becomes immutable and current; the previous current version is retired.

    Dossiers already received keep pointing at the version they were received under.
    """
    version = ProcedureVersion.objects.select_for_update().select_related("procedure__field").get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ApplicationError(
            "procedure_version_not_draft",
            _("Only a draft can be published; version %(number)s is %(status)s."),
            params={"number": version.number, "status": version.get_status_display()},
        )
    if not version.components.exists():
        raise ApplicationError(
            "procedure_version_without_components",
            _("A procedure cannot be published without its list of dossier components."),
        )
    procedure = Procedure.objects.select_for_update().get(pk=version.procedure_id)
    previous = procedure.current_version
    now = timezone.now()
    if previous is not None and previous.pk != version.pk:
        ProcedureVersion.objects.filter(pk=previous.pk).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    ProcedureVersion.objects.filter(pk=version.pk).update(status=version.status, published_at=now)
    procedure.current_version = version
    procedure.name = version.name
    procedure.save(update_fields=["current_version", "name"])
    procedure_refresh_search_text(procedure=procedure)
    audit.procedure_version_published(version, actor)
    return version
