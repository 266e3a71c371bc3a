from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from motcua.api.handlers import on_bad_request
from motcua.api.main import api
from motcua.core.health import healthz, readyz
from motcua.core.input_guard import bad_request_page
from motcua.portal.home import home


def handler400(request, exception):
    """Input refused before a view ran (see motcua.core.input_guard): a problem on the API, the 400 page elsewhere."""
    if request.path.startswith("/api/"):
        return on_bad_request(request, exception)
    return bad_request_page(request, exception)


admin.site.site_header = _("One-stop administration")
admin.site.site_title = _("One-stop administration")
admin.site.index_title = _("Catalogue, agencies, staff and calendar")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", home, name="home"),
    path("", include("motcua.desk.urls")),
    path("", include("motcua.portal.urls")),
    path("", include("motcua.postal.urls")),
    path("", include("motcua.stages.urls")),
    path("", include("motcua.planner.urls")),
    path("", include("motcua.training.urls")),
    path("", include("motcua.certification.urls")),
    path("", include("motcua.sandbox.urls")),
    path("", include("motcua.tickets.urls")),
    path("", include("motcua.notifications.urls")),
    path("", include("motcua.payments.urls")),
    path("", include("motcua.national.urls")),
    path("", include("motcua.citizens.urls")),
    path("", include("motcua.submissions.urls")),
    path("", include("motcua.mydossiers.urls")),
    path("", include("motcua.feedback.urls")),
    path("", include("motcua.indicators.urls")),
]
# No route to MEDIA_ROOT, even under DEBUG: uploaded scans and slips are served only by views that check who
# asks (docs/security.md).
