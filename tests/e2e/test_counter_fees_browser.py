"""Fees at the counter in a real browser, on the demo data (issue 9, item 11): nothing optional is charged by
default, and the quote follows the copies the applicant asks for."""

from __future__ import annotations

import pytest

from tests.e2e.test_desk_browser import demo, sign_in  # noqa: F401  (the demo fixture)

pytestmark = pytest.mark.e2e

BIRTH_REGISTRATION = "1.001193"  # free; an extract copy is 8.000 ₫ each, only if asked


def test_the_counter_quotes_nothing_optional_until_copies_are_asked(demo, live_server, browser, request):  # noqa: F811
    from playwright.sync_api import expect

    path = f"/quay/tiep-nhan/{BIRTH_REGISTRATION}/"
    clerk = sign_in(browser, live_server, "clerk", path=path, request=request)
    quote = clerk.locator("#fee-quote")
    expect(quote).not_to_contain_text("8.000 ₫")
    copies = clerk.locator("fieldset.fee-optional input").first
    copies.fill("2")
    copies.dispatch_event("change")
    expect(quote).to_contain_text("16.000 ₫")
