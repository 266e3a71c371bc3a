from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "motcua.workdays"
    verbose_name = _("Working-day calendar")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401 - registers the system check and the cache invalidation
