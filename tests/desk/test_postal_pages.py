"""The postal pages: operations for the post office (/buu-chinh/) and the postman's phone page (/buu-ta/)."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from motcua.agencies.models import Role, StaffAssignment
from motcua.dossiers.lifecycle import Channel, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.outbox import outbox_dispatch
from motcua.postal.models import OrderKind, OrderStatus, PostalOrder
from motcua.postal.services.delivery import delivery_apply
from motcua.postal.services.pickup import pickup_assign, pickup_book
from motcua.postal.tariffs import tariffs_load_demo
from tests.desk.test_counter import sign_in
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.factories import UserFactory
from tests.postal.signing import SEAL, data_url, drawn_png
from tests.postal.test_delivery import with_post

pytestmark = pytest.mark.django_db
NOW = at("25/11/2026 08:00")


@pytest.fixture(autouse=True)
def clock(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tariffs_load_demo()
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def book(world, start="25/11/2026 14:00", end="25/11/2026 16:00", **overrides):
    fields = {
        "version": world.version,
        "point": world.office,
        "contact_name": "Nguyễn Văn An",
        "contact_id_number": "042098001234",
        "contact_phone": "0912345678",
        "address": "12 Trần Phú",
        "commune": world.commune.code,
        "actor": world.clerk,
        "window_start": at(start),
        "window_end": at(end),
        "lead_agency": world.committee,
    }
    fields.update(overrides)
    return pickup_book(**fields)


def delivery(world) -> PostalOrder:
    dossier = with_post(world)
    outbox_dispatch()
    order = PostalOrder.objects.get(dossier=dossier, kind=OrderKind.DELIVERY)
    order.postman = world.postman
    order.save(update_fields=["postman"])
    return order


def another_postman(world):
    user = UserFactory()
    StaffAssignment.objects.create(user=user, role=Role.POSTMAN, receiving_point=world.office)
    return user


def report_url(order, slug):
    return reverse("desk:postman_report", args=[order.tracking_number, slug])


def mandatory_ids(world):
    return [str(pk) for pk in world.version.components.filter(mandatory=True).values_list("pk", flat=True)]


def collected(world, form: str = "original") -> dict:
    """The mandatory papers ticked, each said to be an original (or ``form``)."""
    ids = mandatory_ids(world)
    return {"papers": ids, **{f"paper_form_{pk}": form for pk in ids}}


# --- access ---------------------------------------------------------------------------------------------------


def test_a_specialist_may_open_neither_page(client, world):
    sign_in(client, world.specialist)
    assert client.get(reverse("desk:postal")).status_code == 403
    assert client.get(reverse("desk:postman")).status_code == 403


def test_an_order_of_another_post_office_is_not_found(client, world):
    order = book(world)
    sign_in(client, world.other_clerk)
    assert client.get(reverse("desk:postal_label", args=[order.tracking_number])).status_code == 404
    response = client.post(reverse("desk:postal_assign", args=[order.tracking_number]), {"postman": world.postman.pk})
    assert response.status_code == 404
    assert order.tracking_number not in client.get(reverse("desk:postal")).content.decode()


def test_a_postman_cannot_report_on_an_order_not_theirs(client, world):
    order = pickup_assign(order=book(world), postman=another_postman(world), actor=world.clerk)
    sign_in(client, world.postman)
    assert client.get(report_url(order, "thu-gom")).status_code == 404


# --- operations -----------------------------------------------------------------------------------------------


def test_operations_list_counts_late_pickups_and_failed_deliveries(client, world, clock):
    late = book(world, start="25/11/2026 09:00", end="25/11/2026 10:00")
    waiting = book(world)
    failed = delivery(world)
    delivery_apply(order=failed, kind="out_for_delivery", at=at("25/11/2026 08:00"))
    delivery_apply(order=failed, kind="attempt_failed", at=at("25/11/2026 08:00"), details={"reason": "Vắng nhà"})
    clock.move_to(at("25/11/2026 11:00"))
    sign_in(client, world.clerk, language="en")
    response = client.get(reverse("desk:postal"))
    tabs = {t.key: t.count for t in response.context["tabs"]}
    assert tabs[""] == 3 and tabs["late"] == 1 and tabs["failed"] == 1 and tabs["booked"] == 2
    assert [c.total for c in response.context["communes"]] == [3]
    assert response.context["communes"][0].late == 1 and response.context["communes"][0].failed == 1

    only_late = client.get(reverse("desk:postal"), {"tab": "late"}).content.decode()
    assert late.tracking_number in only_late and waiting.tracking_number not in only_late
    pickups = client.get(reverse("desk:postal"), {"kind": "pickup", "postman": "none"}).context["rows"]
    assert {r["order"] for r in pickups} == {late, waiting}


def test_assigning_a_pickup_and_a_delivery(client, world):
    pickup, order = book(world), delivery(world)
    other = another_postman(world)
    sign_in(client, world.clerk, language="en")
    client.post(reverse("desk:postal_assign", args=[pickup.tracking_number]), {"postman": world.postman.pk})
    client.post(reverse("desk:postal_assign", args=[order.tracking_number]), {"postman": other.pk})
    pickup.refresh_from_db()
    order.refresh_from_db()
    assert pickup.status == OrderStatus.ASSIGNED and pickup.postman == world.postman
    assert order.postman == other and order.status == OrderStatus.CREATED


def test_only_a_postman_of_the_post_office_can_be_assigned(client, world):
    pickup = book(world)
    sign_in(client, world.clerk, language="en")
    response = client.post(
        reverse("desk:postal_assign", args=[pickup.tracking_number]), {"postman": world.clerk.pk}, follow=True
    )
    assert "Choose a postman" in response.content.decode()
    pickup.refresh_from_db()
    assert pickup.postman is None


def test_the_label_and_the_manifest_download(client, world):
    order = delivery(world)
    sign_in(client, world.clerk)
    label = client.get(reverse("desk:postal_label", args=[order.tracking_number]))
    assert label["Content-Type"] == "application/pdf" and label.content.startswith(b"%PDF")
    manifest = client.post(reverse("desk:postal_manifest"), {"order": [order.tracking_number]})
    assert manifest["Content-Type"] == "application/pdf" and manifest.content.startswith(b"%PDF")


# --- the postman ----------------------------------------------------------------------------------------------


def test_the_postman_collects_and_the_counter_receives_the_dossier_by_post(client, world):
    order = pickup_assign(order=book(world), postman=world.postman, actor=world.clerk)
    sign_in(client, world.postman, language="en")
    home = client.get(reverse("desk:postman")).content.decode()
    assert order.tracking_number in home and report_url(order, "thu-gom") in home

    # A mandatory paper not ticked: the error beside the papers, the typed amounts kept.
    data = {
        "expected_status": "assigned",
        "fees_paid": "50000",
        "postage_paid": str(order.postage),
        "seal_number": SEAL,
        "signature_postman": data_url(drawn_png()),
        "signature_applicant": data_url(drawn_png()),
    }
    page = client.post(report_url(order, "thu-gom"), data)
    assert page.status_code == 200 and "was not collected" in page.content.decode()
    assert 'value="50000"' in page.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.ASSIGNED

    response = client.post(report_url(order, "thu-gom"), {**data, **collected(world)})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED and order.collections.count() == 2

    # The receipt for the money, in đồng.
    receipt = client.get(reverse("desk:postman_receipt", args=[order.tracking_number]))
    assert receipt["Content-Type"] == "application/pdf" and receipt.content.startswith(b"%PDF")

    sign_in(client, world.clerk, language="en")
    check = reverse("desk:postal_hand_over", args=[order.tracking_number])
    page = client.get(check).content.decode()
    assert "Tờ khai" in page and "data:image/png;base64," in page  # the signed list, with both signatures
    wrong = client.post(check, {"seal_number": "NP-0000-0000", "papers_checked": "on"}).content.decode()
    assert "is not the one the postman recorded" in wrong
    unchecked = client.post(check, {"seal_number": SEAL}).content.decode()
    assert "Check the papers against the signed list" in unchecked
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED
    assert client.post(check, {"seal_number": SEAL, "papers_checked": "on"}).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.HANDED_OVER
    assert order.dossier.channel == Channel.POSTAL and order.dossier.status == Status.RECEIVED
    # A second click (or a colleague at the next counter) on the same hand-over: still one dossier.
    again = client.post(check, {"seal_number": SEAL, "papers_checked": "on"})
    assert again.status_code == 302
    record = client.get(reverse("desk:postal_handover_record", args=[order.tracking_number]))
    assert record["Content-Type"] == "application/pdf" and record.content.startswith(b"%PDF")
    assert Dossier.objects.filter(applicant_id_number=order.contact_id_number).count() == 1
    # The postman reporting from a page opened before: refused, nothing recorded twice.
    sign_in(client, world.postman)
    stale = client.post(report_url(order, "thu-gom"), {**data, **collected(world)})
    assert stale.status_code in (200, 302, 409) and order.collections.count() == 2


def test_the_postman_says_of_each_paper_whether_it_is_an_original_or_a_copy(client, world):
    """Circular 17/2017 art. 5: the list signed at the door says of each paper original or copy."""
    order = pickup_assign(order=book(world), postman=world.postman, actor=world.clerk)
    sign_in(client, world.postman, language="en")
    data = {
        "expected_status": "assigned",
        "fees_paid": "50000",
        "postage_paid": str(order.postage),
        "seal_number": SEAL,
        "signature_postman": data_url(drawn_png()),
        "signature_applicant": data_url(drawn_png()),
    }
    ids = mandatory_ids(world)
    page = client.post(report_url(order, "thu-gom"), {**data, "papers": ids, **{f"paper_form_{pk}": "" for pk in ids}})
    assert page.status_code == 200 and "Say whether this paper is an original or a copy." in page.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.ASSIGNED

    assert client.post(report_url(order, "thu-gom"), {**data, **collected(world, "copy")}).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED
    assert order.papers and {paper["form"] for paper in order.papers} == {"copy"}


def test_the_postman_delivers_a_result_and_the_dossier_is_returned(client, world):
    order = delivery(world)
    sign_in(client, world.postman, language="en")
    assert client.post(report_url(order, "dang-giao"), {"expected_status": "created"}).status_code == 302
    missing = {"expected_status": "out_for_delivery", "recipient_relation": "con"}
    page = client.post(report_url(order, "da-giao"), missing)
    assert "This field is required" in page.content.decode() and 'value="con"' in page.content.decode()
    data = {"expected_status": "out_for_delivery", "recipient_name": "Nguyễn Thị Bình", "recipient_relation": "con"}
    data |= {"recipient_id_number": "042187000555", "identity_checked": "on"}
    # Not the applicant, and no authorization named: refused beside the field, what was typed kept.
    page = client.post(report_url(order, "da-giao"), data).content.decode()
    assert "only with an authorization paper" in page and 'value="042187000555"' in page
    data["recipient_authorization"] = "Giấy ủy quyền chứng thực ngày 20/11/2026"
    assert client.post(report_url(order, "da-giao"), data).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED and order.recipient_name == "Nguyễn Thị Bình"
    assert order.recipient_id_number == "042187000555" and order.recipient_authorization.startswith("Giấy ủy quyền")
    assert order.dossier.status == Status.RETURNED


def test_a_failed_attempt_is_counted_with_its_reason(client, world):
    order = delivery(world)
    delivery_apply(order=order, kind="out_for_delivery", at=NOW)
    sign_in(client, world.postman, language="en")
    page = client.post(report_url(order, "khong-giao-duoc"), {"expected_status": "out_for_delivery"})
    assert "This field is required" in page.content.decode()
    data = {"expected_status": "out_for_delivery", "reason": "Không có ai ở nhà"}
    assert client.post(report_url(order, "khong-giao-duoc"), data).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.ATTEMPT_FAILED and order.attempts == 1


def test_a_report_on_an_order_that_moved_says_so_and_keeps_what_was_typed(client, world):
    order = delivery(world)
    delivery_apply(order=order, kind="out_for_delivery", at=NOW)
    data = {"expected_status": "out_for_delivery", "recipient_name": "Nguyễn Thị Bình", "recipient_relation": "con"}
    data |= {"recipient_id_number": "042098001234", "identity_checked": "on"}
    delivery_apply(order=order, kind="attempt_failed", at=NOW)  # the carrier reported first
    sign_in(client, world.postman, language="en")
    page = client.post(report_url(order, "da-giao"), data).content.decode()
    assert "has moved since the page was opened" in page and "Nguyễn Thị Bình" in page
    order.refresh_from_db()
    assert order.status == OrderStatus.ATTEMPT_FAILED
