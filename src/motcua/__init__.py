"""motcua: one-stop handling of administrative procedures through the public postal service."""

from .celery import app as celery_app

__all__ = ("celery_app",)
