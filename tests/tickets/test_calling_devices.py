"""The queue page lists the centre's kiosk, displays and pad to its supervisor, never to a clerk."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_supervisor_sees_the_devices_addresses_and_a_clerk_does_not(client, centre):
    client.force_login(centre.supervisor)
    html = client.get(reverse("tickets:queue")).content.decode()
    for device in (centre.kiosk, *centre.displays, centre.pad):
        assert device.get_absolute_url() in html
    assert html.count('data-device="display"') == 2

    client.force_login(centre.clerks[0])
    html = client.get(reverse("tickets:queue")).content.decode()
    assert centre.kiosk.key not in html and "data-device=" not in html


def test_a_device_opens_its_own_page(client, centre):
    assert client.get(centre.kiosk.get_absolute_url()).status_code == 200
    assert client.get(centre.displays[0].get_absolute_url()).status_code == 200
    assert client.get(centre.pad.get_absolute_url()).status_code == 200
