"""Creating procedures: from a full spec (import, demo, API) or by code and name (the admin's "add")."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.audit import events as audit
from motcua.core.errors import ApplicationError

from .. import errors
from ..errors import ProcedureSpecInvalid
from ..models import Field, Procedure, ProcedureVersion
from ..specs import ProcedureSpec
from ..validators import SpecIssue, spec_issues, validate_max_length, validate_national_code, validate_required
from .catalogue import field_get, procedure_refresh_search_text
from .parts import version_parts_write
from .versions import procedure_version_publish


def _guard_new_code(national_code: str) -> None:
    if Procedure.objects.filter(national_code=national_code).exists():
        raise errors.procedure_exists(code=national_code)


@transaction.atomic
def procedure_create(*, spec: ProcedureSpec, actor: Any = None, publish: bool = False) -> ProcedureVersion:
    """Create a procedure with version 1 as a draft (published at once when ``publish``).

    The field must exist. Every rule is checked first: :class:`ProcedureSpecInvalid` lists all broken ones.
    """
    issues = spec_issues(spec)
    if issues:
        raise ProcedureSpecInvalid(national_code=spec.national_code, issues=issues)
    field = field_get(code=spec.field_code)
    _guard_new_code(spec.national_code)
    procedure = Procedure.objects.create(national_code=spec.national_code, name=spec.name, field=field)
    version = ProcedureVersion.objects.create(procedure=procedure, number=1, **spec.version_values())
    version_parts_write(version=version, spec=spec)
    procedure_refresh_search_text(procedure=procedure)
    audit.procedure_version_draft_created(version, actor)
    if publish:
        version = procedure_version_publish(version=version, actor=actor)
    return version


@transaction.atomic
def procedure_register(*, national_code: str, name: str, field: Field, actor: Any = None) -> ProcedureVersion:
    """Register a procedure by code and name only, with an empty draft to fill in (the admin's "add")."""
    national_code, name = national_code.strip(), name.strip()
    issues = []
    for field_name, rule, args in (
        ("national_code", validate_national_code, (national_code,)),
        ("name", validate_required, (name,)),
        ("name", validate_max_length, (name, 500)),
    ):
        try:
            rule(*args)
        except ApplicationError as error:
            issues.append(SpecIssue("procedure", None, field_name, error))
    if issues:
        raise ProcedureSpecInvalid(national_code=national_code, issues=issues)
    _guard_new_code(national_code)
    procedure = Procedure.objects.create(national_code=national_code, name=name, field=field)
    version = ProcedureVersion.objects.create(
        procedure=procedure, number=1, name=name, competent_authority="", time_limit=0, result_kind=""
    )
    procedure_refresh_search_text(procedure=procedure)
    audit.procedure_version_draft_created(version, actor)
    return version
