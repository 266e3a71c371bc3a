"""``/procedures``: the public catalogue, no authentication."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from motcua.procedures.models import Procedure, ProcedureVersion
from motcua.procedures.selectors import procedure_get_published, procedure_search

from ..pagination import LimitOffsetPagination
from ..schemas.problems import Problem
from ..schemas.procedures import ProcedureDetail, ProcedureFilters, ProcedureSummary

router = Router(tags=["procedures"], auth=None)


@router.get("", response={200: list[ProcedureSummary], 422: Problem}, summary="Search published procedures")
@paginate(LimitOffsetPagination)
def procedures_search(request: HttpRequest, filters: Query[ProcedureFilters]) -> QuerySet[Procedure]:
    """Every word of `q` must appear in the code, name or field, accents and case ignored ("dang ky khai sinh")."""
    level = filters.level.value if filters.level else None
    procedures = procedure_search(query=filters.q, field_code=filters.field, level=level)
    return procedures.prefetch_related("current_version__fees")  # for fee_total, one query per page


@router.get("/{national_code}", response={200: ProcedureDetail, 404: Problem}, summary="A published procedure")
def procedure_get(request: HttpRequest, national_code: str) -> ProcedureVersion:
    """The current published version: components, fees, internal process steps and legal basis."""
    return procedure_get_published(national_code=national_code)
