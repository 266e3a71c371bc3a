"""A citizen finds the queue from the home page: book an appointment, or take a number from the phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_links_to_the_centres_and_each_centre_to_its_phone_ticket(client, centre):
    home = client.get(reverse("home")).content.decode()
    assert reverse("tickets:booking_centres") in home
    centres = client.get(reverse("tickets:booking_centres")).content.decode()
    phone_page = reverse("tickets:centre", args=[centre.point.code])
    assert phone_page in centres
    assert client.get(phone_page).status_code == 200
