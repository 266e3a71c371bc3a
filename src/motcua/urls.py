from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from motcua.api.main import api
from motcua.portal.home import home

admin.site.site_header = _("One-stop administration")
admin.site.site_title = _("One-stop administration")
admin.site.index_title = _("Catalogue, agencies, staff and calendar")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", home, name="home"),
    path("", include("motcua.desk.urls")),
    path("", include("motcua.portal.urls")),
    path("", include("motcua.postal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
