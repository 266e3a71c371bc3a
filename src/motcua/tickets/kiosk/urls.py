"""URLs of the visitor's side of the queue: the kiosk, the centre's queue page, the ticket's page, the rating pad.

Every page is opened by a secret (a device's key, a ticket's token) or by the centre's public code, never by an
id. The centre's code is matched only in capitals (``H42.TTHCC``), so ``/hang-doi/<word>/`` pages of the other
parts (lower-case Vietnamese words) are never taken for a centre.
"""

from __future__ import annotations

from django.urls import URLPattern, path, register_converter

from . import views_kiosk, views_pad, views_visitor


class SecretConverter:
    """A device's key or a ticket's token: URL-safe base64, at most 64 characters."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class PointCodeConverter(SecretConverter):
    """A centre's public code, in capitals."""

    regex = "[A-Z0-9][A-Z0-9._-]{0,39}"


register_converter(SecretConverter, "queuesecret")
register_converter(PointCodeConverter, "pointcode")

urlpatterns: list[URLPattern] = [
    path("hang-doi/kiosk/<queuesecret:key>/", views_kiosk.kiosk, name="kiosk"),
    path("hang-doi/kiosk/<queuesecret:key>/lay-so/", views_kiosk.kiosk_issue, name="kiosk_issue"),
    path("hang-doi/kiosk/<queuesecret:key>/lich-hen/", views_kiosk.kiosk_check_in, name="kiosk_check_in"),
    path("hang-doi/kiosk/<queuesecret:key>/in/<queuesecret:token>/", views_kiosk.kiosk_print, name="kiosk_print"),
    path("hang-doi/ve/<queuesecret:token>/", views_visitor.ticket, name="ticket"),
    path("hang-doi/ve/<queuesecret:token>/trang-thai/", views_visitor.ticket_live, name="ticket_live"),
    path("hang-doi/ve/<queuesecret:token>/huy/", views_visitor.ticket_give_up, name="ticket_cancel"),
    path("hang-doi/ve/<queuesecret:token>/danh-gia/", views_visitor.ticket_rate, name="ticket_rate"),
    path("hang-doi/danh-gia/<queuesecret:key>/", views_pad.pad, name="pad"),
    path("hang-doi/danh-gia/<queuesecret:key>/trang-thai/", views_pad.pad_live, name="pad_live"),
    path("hang-doi/danh-gia/<queuesecret:key>/gui/", views_pad.pad_rate, name="pad_rate"),
    path("hang-doi/<pointcode:code>/", views_visitor.centre, name="centre"),
    path("hang-doi/<pointcode:code>/lay-so/", views_visitor.centre_take, name="centre_take"),
]
