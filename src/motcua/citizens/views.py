from django.http import HttpRequest, HttpResponse


def sign_in(request: HttpRequest) -> HttpResponse:
    """Placeholder until the OpenID Connect sign-in is built (this session)."""
    return HttpResponse("sign in")
