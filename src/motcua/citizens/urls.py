from django.urls import URLPattern, URLResolver, include, path

from . import views

app_name = "citizens"

urlpatterns: list[URLPattern | URLResolver] = [
    path("cong-dan/dang-nhap/", views.sign_in, name="sign_in"),
    path("cong-dan/dang-nhap/loi/", views.sign_in_failed, name="sign_in_failed"),
    path("cong-dan/dang-xuat/", views.sign_out, name="sign_out"),
    path("cong-dan/oidc/authenticate/", views.CitizenSignInStart.as_view(), name="oidc_init"),
    path("cong-dan/oidc/callback/", views.CitizenSignInCallback.as_view(), name="oidc_callback"),
    # The local identity provider: always routed, answering 404 unless CITIZEN_OIDC_PROVIDER is ``local``.
    path("dinh-danh-thu/", include("motcua.citizens.idp.urls")),
]
