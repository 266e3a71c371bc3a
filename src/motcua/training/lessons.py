"""Lessons: write, publish, add images, mark as read (docs/training.md)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from . import errors
from .models import Lesson, LessonImage, LessonRead

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = frozenset({"PNG", "JPEG", "GIF", "WEBP"})


def image_check(upload: UploadedFile) -> None:
    """A lesson image: PNG, JPEG, GIF or WebP by its content (not its name), at most 5 MB and 40 megapixels."""
    if (upload.size or 0) > IMAGE_MAX_BYTES:
        raise errors.image_too_large(limit_mb=IMAGE_MAX_BYTES // (1024 * 1024))
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in IMAGE_FORMATS:
                raise errors.image_invalid()
            if image.width * image.height > IMAGE_MAX_PIXELS:
                raise errors.image_too_many_pixels(limit_mp=IMAGE_MAX_PIXELS // 1_000_000)
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise errors.image_invalid() from None
    finally:
        upload.seek(0)


@transaction.atomic
def lesson_save(*, lesson: Lesson | None = None, actor: Any, **values: Any) -> Lesson:
    """Create or change a lesson (stage_code, field, title, body, order, published)."""
    lesson = lesson or Lesson()
    for name, value in values.items():
        setattr(lesson, name, value)
    lesson.updated_by = actor
    lesson.save()
    return lesson


@transaction.atomic
def lesson_image_add(*, lesson: Lesson, upload: UploadedFile, caption: str, actor: Any) -> LessonImage:
    image_check(upload)
    return LessonImage.objects.create(lesson=lesson, image=upload, caption=caption[:255], uploaded_by=actor)


def lesson_mark_read(*, lesson: Lesson, user: Any) -> None:
    LessonRead.objects.get_or_create(lesson=lesson, user=user)
