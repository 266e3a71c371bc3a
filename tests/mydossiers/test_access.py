"""Who may open each citizen URL: the owner gets it, another citizen 404, anonymous the sign-in page, staff 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import png

# name → (method, URL name, which object of the owner: "dossier", "ready", "document" or None, data, own status)
ROWS = {
    "list": ("get", "home", None, None, 200),
    "detail": ("get", "dossier", "dossier", None, 200),
    "slip-01": ("get", "slip", "dossier", None, 200),
    "slip-02": ("get", "slip", "dossier", None, 200),
    "result": ("get", "result", "ready", None, 200),
    "supplement": ("post", "supplement", "dossier", "files", 302),
    "stop": ("post", "stop", "dossier", {"reason": "Tôi không cần nữa"}, 302),
    "delivery": ("get", "delivery", "dossier", None, 200),
    "return-method": ("post", "return", "dossier", {"method": "electronic"}, 302),
    "document": ("get", "document", "document", None, 200),
    "consent": ("post", "consent", None, {"point": "", "granted": "0"}, 302),
}


def _url(name: str, row: tuple, citizens, *, own: bool) -> str:
    _, url_name, target, _, _ = row
    if target is None:
        return reverse(f"mydossiers:{url_name}")
    if target == "document":
        document = citizens.a_document if own else citizens.b_document
        return reverse("mydossiers:document", args=[document.uid])
    dossier = (citizens.a_ready if target == "ready" else citizens.a_dossier) if own else citizens.b_dossier
    if url_name == "slip":
        return reverse("mydossiers:slip", args=[dossier.code, name.removeprefix("slip-")])
    return reverse(f"mydossiers:{url_name}", args=[dossier.code])


def _call(client, row: tuple, url: str):
    method, _, _, data, _ = row
    if data == "files":
        data = {"papers": [png()], "note": ""}
    return client.post(url, data) if method == "post" else client.get(url)


@pytest.mark.parametrize("name", list(ROWS), ids=list(ROWS))
def test_the_owner_gets_the_page(client, citizens, name):
    client.force_login(citizens.a.user)
    row = ROWS[name]
    response = _call(client, row, _url(name, row, citizens, own=True))
    assert response.status_code == row[4], response.content[:500]


@pytest.mark.parametrize("name", [n for n, row in ROWS.items() if row[2] is not None], ids=lambda n: n)
def test_another_citizens_object_answers_404(client, citizens, name):
    client.force_login(citizens.a.user)
    row = ROWS[name]
    assert _call(client, row, _url(name, row, citizens, own=False)).status_code == 404


@pytest.mark.parametrize("name", list(ROWS), ids=list(ROWS))
def test_anonymous_goes_to_the_sign_in_page(client, citizens, name):
    row = ROWS[name]
    response = _call(client, row, _url(name, row, citizens, own=True))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("citizens:sign_in"))


@pytest.mark.parametrize("name", list(ROWS), ids=list(ROWS))
def test_staff_get_403(client, citizens, name):
    client.force_login(citizens.world.clerk)
    row = ROWS[name]
    assert _call(client, row, _url(name, row, citizens, own=True)).status_code == 403


def test_the_control_sheet_is_not_the_applicants(client, citizens):
    client.force_login(citizens.a.user)
    for kind in ("06", "07", "03"):
        assert client.get(reverse("mydossiers:slip", args=[citizens.a_dossier.code, kind])).status_code == 404
