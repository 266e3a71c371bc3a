"""The API's OpenAPI description: its introduction, and the committed copy in ``docs/api/openapi.json``."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.utils import translation

OPENAPI_PATH = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.json"

DESCRIPTION = """\
The REST API of motcua, software for Vietnam's one-stop handling of administrative procedures through the
public postal service. Everything is under `/api/v1/`; this description is served at `/api/v1/openapi.json`
and committed as `docs/api/openapi.json`.

## Authentication

The procedure catalogue is public. Staff endpoints accept either

* a **personal API token**: `Authorization: Bearer mc_…`. An administrator issues one with
  `manage.py api_token USERNAME [--name NAME] [--expires-days N]`; it is printed once and stored only as a
  SHA-256 hash. Revoke it with `manage.py api_token USERNAME --revoke PREFIX` or in the admin; or
* the **session** of a user signed in on the site (the `sessionid` cookie). Unsafe methods (POST, PUT,
  PATCH, DELETE) must also send the value of the `csrftoken` cookie in the `X-CSRFToken` header.

A bearer token that does not work is refused (401 `api_token_invalid`) even when a session is present.
What an authenticated user sees is limited to the scope of their active staff assignments: a user without
one authenticates but sees nothing.

## Errors

Every error is an RFC 9457 problem, served as `application/problem+json`:

```json
{
  "type": "urn:motcua:problem:procedure_not_found",
  "title": "Không tìm thấy",
  "status": 404,
  "detail": "Không có thủ tục đang công bố nào mang mã 9.999999.",
  "code": "procedure_not_found",
  "messages": {"vi": "Không có thủ tục đang công bố nào mang mã 9.999999.",
               "en": "No published procedure has the code 9.999999."},
  "instance": "/api/v1/procedures/9.999999"
}
```

* `code` is stable: match on it, never on the text. `type` is `urn:motcua:problem:` and the code: a name,
  not a web page.
* `title` and `detail` are in the request's language; `messages` always carries Vietnamese and English.
* `errors` comes only with `validation_failed` (422): every invalid value with its `loc`, `msg` and `type`.
* Statuses: 400 a rule of the domain refused the request; 401 `authentication_required` or
  `api_token_invalid`; 403 `permission_denied` or `csrf_failed`; 404 `not_found` or `<thing>_not_found`;
  409 the request conflicts with the current state; 422 `validation_failed`; 500 `internal_error` (logged
  on the server, no detail given).

## Language

Vietnamese by default. The `django_language` cookie (set by `POST /i18n/setlang/`, or sent by the client as
`Cookie: django_language=en`) switches texts to English. Codes and enumerated values never change.

## Pagination

List endpoints take `limit` (1 to 100, default 20) and `offset` (default 0) and answer
`{"count", "next", "previous", "results"}`; `next` and `previous` are absolute URLs, or null at either end.
A `limit` above 100 is refused with a 422 problem, never silently cut.

## Versions

New endpoints, fields and problem codes are added within `/api/v1/`; removing a field or changing its
meaning would make a `/api/v2/`.
"""


def openapi_document() -> str:
    """The OpenAPI document as committed: sorted keys, two-space indent, a final newline.

    Rendered in English so the file does not depend on the language active when it is generated.
    """
    from .main import api

    with translation.override("en"):
        schema = api.get_openapi_schema()
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
