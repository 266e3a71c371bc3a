"""The postman's phone (375 px wide), on the demo data: at the applicant's door he ticks the papers, types the seal
number, and both sign the list on the screen (a canvas, drawn with the mouse); the clerk then checks the seal and
the papers and receives the dossier."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.core.management import call_command

from motcua.postal.models import OrderStatus, PaperListSignature, PostalOrder, Signer

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e
PASSWORD = "motcua-demo"
SEAL = "NP-0042-7731"


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", allow_production=True, stdout=io.StringIO())


def _sign_in(page, live_server, username: str, path: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def _draw(page, canvas) -> None:
    canvas.scroll_into_view_if_needed()  # the mouse draws at viewport coordinates
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 250, "the pad takes the phone's width"
    x, y = box["x"], box["y"]
    page.mouse.move(x + 20, y + box["height"] - 20)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(x + 20 + step * 20, y + 30 + (step % 3) * 25, steps=3)
    page.mouse.up()


def test_the_postman_and_the_applicant_sign_the_list_on_the_phone(demo, live_server, phone, desktop, screenshot):
    order = PostalOrder.objects.get(postman__username="postman", status=OrderStatus.ASSIGNED)
    _sign_in(phone, live_server, "postman", "/buu-ta/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.locator(f"#order-{order.tracking_number}").get_by_role("link", name="Đã thu gom").click()
    phone.wait_for_url(re.compile("/thu-gom/$"))
    for box in phone.locator("fieldset.postman-papers input[type=checkbox]").all():
        box.check()
    for choice in phone.locator("fieldset.postman-papers select").all():  # original or copy, as handed
        if not choice.input_value():
            choice.select_option("original")
    phone.get_by_label("Số niêm phong").fill(SEAL)

    # Sending without the applicant's signature is refused; the seal number typed stays.
    pads = phone.locator("canvas.signature-pad__canvas")
    assert pads.count() == 2
    _draw(phone, pads.nth(0))
    phone.get_by_role("button", name=re.compile("Xác nhận")).click()
    phone.wait_for_load_state()
    assert "phải ký danh mục giấy tờ" in phone.locator(".alert--error").inner_text()
    assert phone.get_by_label("Số niêm phong").input_value() == SEAL
    order.refresh_from_db()
    assert order.status == OrderStatus.ASSIGNED

    pads = phone.locator("canvas.signature-pad__canvas")
    _draw(phone, pads.nth(1))
    assert phone.locator("[data-signature-pad].is-signed").count() == 2  # the postman's pad kept its signature
    screenshot(phone, "postman-signing")
    phone.get_by_role("button", name=re.compile("Xác nhận")).click()
    phone.wait_for_url(re.compile("/buu-ta/$"))
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED and order.seal_number == SEAL
    signed = {s.signer: s for s in PaperListSignature.objects.filter(order=order)}
    assert set(signed) == {Signer.POSTMAN, Signer.APPLICANT}
    assert all(s.papers_digest == order.papers_digest for s in signed.values())
    assert signed[Signer.APPLICANT].image.read().startswith(b"\x89PNG")
    assert phone.get_by_role("link", name="Biên lai thu tiền (PDF)").count() == 1

    # At the one-stop the clerk reads the seal, checks the papers against the signed list and receives.
    _sign_in(desktop, live_server, "clerk", f"/buu-chinh/don/{order.tracking_number}/nhan-ban-giao/")
    assert desktop.locator(".postal-signatures img").count() == 2
    desktop.get_by_label("Số niêm phong đọc trên bì").fill(SEAL.lower())
    desktop.get_by_label("Giấy tờ trong bì khớp với danh mục đã ký").check()
    desktop.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    desktop.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == OrderStatus.HANDED_OVER and order.dossier is not None
    assert desktop.get_by_role("link", name="Biên bản giao nhận (PDF)").count() == 1

    # Back on the phone, slip 01 waits for the next visit.
    phone.goto(f"{live_server.url}/buu-ta/")
    assert phone.locator(f"#slip-{order.tracking_number}").get_by_role("link", name="In phiếu 01").count() == 1
