"""Any other path under the API answers with a 404 problem, not Django's HTML page. Mounted last."""

from django.http import Http404, HttpRequest
from ninja import Router

router = Router(auth=None)


@router.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def not_found(request: HttpRequest, rest: str) -> None:
    raise Http404(rest)
