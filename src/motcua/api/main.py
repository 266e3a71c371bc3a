"""The NinjaAPI object mounted at ``/api/v1/``: routers, authentication and problem handlers in one place."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import JSONRenderer

from . import handlers
from .auth import STAFF_AUTH
from .openapi import DESCRIPTION
from .problems import PROBLEM_CONTENT_TYPE
from .routers import (
    certification,
    documents,
    dossier_actions,
    dossiers,
    fallback,
    me,
    planner,
    procedures,
    stages,
    training,
)

REFUSED_INPUT = (
    "Bad Request: input no endpoint accepts (a NUL character or a lone surrogate anywhere, JSON nested too deep, "
    "a number too large to store), or a body that cannot be read."
)
TOO_LARGE = "Content Too Large: the body is larger than the server accepts."


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Vietnamese stays readable in the body


class MotcuaAPI(NinjaAPI):
    @property
    def urls(self) -> tuple[list[Any], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = handlers.problem_on_method_not_allowed(pattern.callback)
        return patterns, app_name, namespace

    def get_openapi_operation_id(self, operation: Any) -> str:
        # The view's own name (procedures_search, me_get…): short, stable, unique across routers.
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        """Ninja documents every response as application/json; errors are served as problem+json.

        Every operation may also answer 400 (input refused before any endpoint, motcua.core.input_guard) and,
        when it takes a body, 413 (a body larger than the server accepts).
        """
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        problem = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                responses.setdefault(400, {"description": REFUSED_INPUT, "content": problem})
                if "requestBody" in operation:
                    responses.setdefault(413, {"description": TOO_LARGE, "content": problem})
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {PROBLEM_CONTENT_TYPE: content["application/json"]}
        return schema


api = MotcuaAPI(
    title="motcua API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # Ninja's docs page loads Swagger UI from a CDN; the OpenAPI document alone is served.
    docs_url=None,
    # Secure by default: an endpoint is for authenticated staff unless it says auth=None.
    auth=STAFF_AUTH,
    renderer=Renderer(),
)
handlers.install(api)
api.add_router("/procedures", procedures.router)
api.add_router("/me", me.router)
api.add_router("/dossiers", dossiers.router)
api.add_router("/dossiers", dossier_actions.router)
api.add_router("", documents.router)  # /dossiers/{code}/digitization-jobs, /digitization-jobs, /documents
api.add_router("/stages", stages.router)
api.add_router("/planner", planner.router)
api.add_router("/training", training.router)
api.add_router("/certifications", certification.router)
api.add_router("", fallback.router)  # last: it answers every path the routers above do not
