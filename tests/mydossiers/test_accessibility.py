"""The citizen's pages are read by screen readers and used with a keyboard: a table of pages, each checked for the
page language, one main heading, a label for every field, a text for every image and button (issue 14, item 8)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

HIDDEN_INPUTS = {"hidden", "submit", "button", "image", "reset"}


class PageReader(HTMLParser):
    """What an assistive technology needs from the markup, collected in one pass."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.h1 = 0
        self.labels_for: set[str] = set()
        self.fields: list[dict[str, str]] = []
        self.inside_label = 0
        self.images_without_alt: list[str] = []
        self.buttons: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self.inside_label += 1
            if a.get("for"):
                self.labels_for.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and a.get("type", "text") in HIDDEN_INPUTS:
                return
            self.fields.append({**a, "_tag": tag, "_wrapped": "1" if self.inside_label else ""})
        elif tag == "img" and "alt" not in a:
            self.images_without_alt.append(a.get("src", ""))
        elif tag == "button":
            self.buttons.append({"attrs": a, "text": ""})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self.inside_label:
            self.inside_label -= 1

    def handle_data(self, data: str) -> None:
        if self.buttons and data.strip():
            self.buttons[-1]["text"] = str(self.buttons[-1]["text"]) + data.strip()

    def unlabelled(self) -> list[str]:
        return [
            f"{f['_tag']} name={f.get('name', '')}"
            for f in self.fields
            if not (
                f["_wrapped"]
                or (f.get("id") and f["id"] in self.labels_for)
                or f.get("aria-label")
                or f.get("aria-labelledby")
                or f.get("title")
            )
        ]


def _pages(citizens) -> dict[str, str]:
    dossier, ready = citizens.a_dossier, citizens.a_ready
    return {
        "my dossiers": reverse("mydossiers:home"),
        # its forms too: the supplement upload and the request to stop processing (POST-only addresses)
        "a dossier": reverse("mydossiers:dossier", args=[dossier.code]),
        "delivery booking": reverse("mydossiers:delivery", args=[dossier.code]),
        "result ready": reverse("mydossiers:dossier", args=[ready.code]),
        "data store": reverse("mydossiers:data_store"),
        "online filings": reverse("submissions:list"),
        "my complaints": reverse("feedback:my_complaints"),
        "new complaint": reverse("feedback:my_complaint_new"),
    }


PAGES = [
    "my dossiers",
    "a dossier",
    "delivery booking",
    "result ready",
    "data store",
    "online filings",
    "my complaints",
    "new complaint",
]


@pytest.mark.parametrize("page", PAGES)
def test_each_citizen_page_can_be_read_and_filled_without_sight(client, citizens, page):
    client.force_login(citizens.a.user)
    response = client.get(_pages(citizens)[page])
    assert response.status_code == 200
    reader = PageReader()
    reader.feed(response.content.decode())
    assert reader.lang == "vi"
    assert reader.h1 == 1, f"{page}: {reader.h1} main headings"
    assert reader.unlabelled() == [], f"{page}: fields without a label"
    assert reader.images_without_alt == []
    assert [b for b in reader.buttons if not (b["text"] or b["attrs"].get("aria-label"))] == []


@pytest.mark.parametrize("page", ["sign in", "sign-in failed"])
def test_the_sign_in_pages_too(client, db, page):
    url = {"sign in": reverse("citizens:sign_in"), "sign-in failed": reverse("citizens:sign_in_failed")}[page]
    response = client.get(url)
    assert response.status_code == (200 if page == "sign in" else 400)  # the failure page says why with a 4xx
    reader = PageReader()
    reader.feed(response.content.decode())
    assert (reader.lang, reader.h1, reader.unlabelled(), reader.images_without_alt) == ("vi", 1, [], [])


def test_the_reader_finds_a_field_without_a_label():
    """The check can fail: a bare input is reported."""
    reader = PageReader()
    reader.feed('<html lang="vi"><h1>x</h1><input name="q"><label for="a">A</label><input id="a" name="a"></html>')
    assert reader.unlabelled() == ["input name=q"]
