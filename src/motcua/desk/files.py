"""Stored files of dossiers and the data store, served only through scoped views, never as pages."""

from __future__ import annotations

import mimetypes
import os
from typing import TypeVar

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase

R = TypeVar("R", bound=HttpResponseBase)

# Shown in the browser; anything else is downloaded.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "image/tiff"})


def private(response: R) -> R:
    """A stored file never runs as a page of this site, and no shared cache keeps it."""
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_response(stored: FieldFile, *, filename: str | None = None) -> FileResponse:
    """``stored`` streamed privately; 404 when there is none or it is gone from the storage."""
    if not stored:
        raise Http404
    name = filename or os.path.basename(stored.name or "")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        handle = stored.open("rb")
    except OSError:
        raise Http404 from None
    return private(
        FileResponse(handle, as_attachment=content_type not in INLINE_TYPES, filename=name, content_type=content_type)
    )
