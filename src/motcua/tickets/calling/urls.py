"""URLs of the calling pages: the clerk's queue panel (signed in) and the display (a TV, by its secret key)."""

from __future__ import annotations

from django.urls import path

from . import display, views

urlpatterns = [
    path("quay/hang-doi/", views.queue_page, name="queue"),
    path("quay/hang-doi/danh-sach/", views.queue_live, name="queue_live"),
    *(
        path(f"quay/hang-doi/{slug}/", views.queue_action, {"action": action}, name=f"queue_{action}")
        for action, (slug, _handler) in views.ACTIONS.items()
    ),
    path("hang-doi/man-hinh/<str:key>/", display.display_page, name="display"),
    path("hang-doi/man-hinh/<str:key>/trang-thai.json", display.display_feed, name="display_feed"),
    path("hang-doi/man-hinh/<str:key>/goi/<int:event_id>.wav", display.display_call_wav, name="display_call_wav"),
]
