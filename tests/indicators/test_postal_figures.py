"""The postal channel's figures beside the index (docs/indicators.md, "Postal-channel figures"): pickups on time,
deliveries at the first attempt, returns to the counter, the money postmen took and the cost per dossier, counted
from orders made by the real postal services, and shown on the dashboard, in its workbook and by the command."""

# ruff: noqa: F811 - the shared `world` fixture is imported, then asked for by name
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from time_machine import travel

from motcua.agencies.models import ReceivingPoint
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.outbox import outbox_dispatch
from motcua.dossiers.services.receive import ReceivedComponent
from motcua.indicators.periods import period_parse
from motcua.indicators.postal_figures import PostalFigures, postal_figures
from motcua.indicators.scopes import scope_parse
from motcua.indicators.services import indicator_set_ensure
from motcua.postal.models import OrderKind, PostalOrder
from motcua.postal.services.delivery import delivery_apply
from motcua.postal.services.pickup import pickup_assign, pickup_book, pickup_collect, pickup_hand_over
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import at, world  # noqa: F401 - the shared fixture
from tests.dossiers.transitions_support import perform
from tests.postal.signing import SEAL, both_signed

pytestmark = pytest.mark.django_db

MAY = period_parse("2026-05")
POSTAGE = 16000  # the demo tariff: standard, in the province, up to 250 g
FEES = 50000  # the world's procedure
BY_POST = {"return_method": ReturnMethod.POST, "return_address": "12 Trần Phú"}
APPLICANT = {"recipient_name": "Nguyễn Văn An", "recipient_id_number": "042098001234", "identity_checked": True}


def _pickup(
    world, *, booked: str, collected: str, window: tuple[str, str] | None = None, fees: int = FEES,
    handed_over: str | None = None, return_by_post: bool = False,
) -> PostalOrder:  # fmt: skip
    """A home pickup taken through booking, assignment, collection and (when given) the hand-over."""
    start, end = (at(window[0]), at(window[1])) if window else (None, None)
    with travel(at(booked), tick=False):
        order = pickup_book(
            version=world.version, point=world.office, contact_name="Nguyễn Văn An", contact_id_number="042098001234",
            contact_phone="0912345678", address="12 Trần Phú", commune=world.commune.code, actor=world.clerk,
            window_start=start, window_end=end, lead_agency=world.committee, return_by_post=return_by_post,
        )  # fmt: skip
        order = pickup_assign(order=order, postman=world.postman, actor=world.clerk)
    papers = [
        ReceivedComponent(name=c.name, form=c.form, count=c.quantity, component_id=c.pk)
        for c in world.version.components.filter(mandatory=True)
    ]
    with travel(at(collected), tick=False):
        order = pickup_collect(
            order=order, postman=world.postman, components=papers, fees_paid=fees,
            postage_paid=order.postage, seal_number=SEAL, signatures=both_signed(), at=at(collected),
        )  # fmt: skip
    if handed_over:
        with travel(at(handed_over), tick=False):
            pickup_hand_over(order=order, actor=world.clerk, seal_number=SEAL, papers_checked=True, at=at(handed_over))
        order.refresh_from_db()
    return order


def _delivery_of(world, dossier: Dossier, *, when: str) -> PostalOrder:
    """The result of ``dossier`` decided and handed to the post at ``when``; its delivery order, with the postman."""
    with travel(at(when), tick=False):
        for action in (Action.TRANSFER, Action.APPROVE, Action.SEND_RESULT_TO_POST):
            dossier = perform(world, dossier, action)
        outbox_dispatch()
    order = PostalOrder.objects.get(dossier=dossier, kind=OrderKind.DELIVERY)
    PostalOrder.objects.filter(pk=order.pk).update(postman=world.postman)
    order.refresh_from_db()
    return order


def _by_post(world, when: str) -> Dossier:
    """A dossier received at the counter whose result goes back by post."""
    with travel(at(when), tick=False):
        return world.receive(received_at=at(when), **BY_POST)


def _attempt(order: PostalOrder, day: str, outcome: str) -> None:
    """One round of the postman: out at 09:00, then ``outcome`` at 10:00 (``attempt_failed`` or ``delivered``)."""
    with travel(at(f"{day} 10:00"), tick=False):
        assert delivery_apply(order=order, kind="out_for_delivery", at=at(f"{day} 09:00"))
        details = APPLICANT if outcome == "delivered" else None
        assert delivery_apply(order=order, kind=outcome, at=at(f"{day} 10:00"), details=details)
    order.refresh_from_db()


@dataclass
class Channel:
    on_time: PostalOrder  # window 14:00–16:00, collected 14:30
    late: PostalOrder  # window 09:00–10:00, collected 11:00
    quick: PostalOrder  # no window: booked 08:00, handed over 08:15 (within the catalogue's 20 minutes)
    slow: PostalOrder  # no window: booked 08:00, handed over 11:00
    first: PostalOrder  # the quick pickup's result, delivered at the first attempt
    second: PostalOrder  # delivered after one failed attempt
    returned: PostalOrder  # three failed attempts: back to the counter


@pytest.fixture
def channel(world) -> Channel:
    """May 2026 at the world's post office, every order through the real postal services."""
    tariffs_load_demo()
    indicator_set_ensure()
    on_time = _pickup(world, booked="04/05/2026 08:00", window=("05/05/2026 14:00", "05/05/2026 16:00"),
                      collected="05/05/2026 14:30")  # fmt: skip
    late = _pickup(world, booked="04/05/2026 08:00", window=("06/05/2026 09:00", "06/05/2026 10:00"),
                   collected="06/05/2026 11:00")  # fmt: skip
    quick = _pickup(world, booked="07/05/2026 08:00", collected="07/05/2026 08:10", handed_over="07/05/2026 08:15",
                    fees=0, return_by_post=True)  # fmt: skip
    slow = _pickup(world, booked="08/05/2026 08:00", collected="08/05/2026 10:00", handed_over="08/05/2026 11:00",
                   fees=20000)  # fmt: skip
    assert quick.dossier is not None
    first = _delivery_of(world, quick.dossier, when="11/05/2026 08:00")
    _attempt(first, "12/05/2026", "delivered")
    second = _delivery_of(world, _by_post(world, "11/05/2026 08:00"), when="11/05/2026 08:00")
    returned = _delivery_of(world, _by_post(world, "11/05/2026 08:00"), when="11/05/2026 08:00")
    _attempt(second, "12/05/2026", "attempt_failed")
    _attempt(second, "13/05/2026", "delivered")
    for day in ("12/05/2026", "13/05/2026", "14/05/2026"):
        _attempt(returned, day, "attempt_failed")
    return Channel(on_time, late, quick, slow, first, second, returned)


def _may(scope: str = "province:42") -> PostalFigures:
    return postal_figures(scope_parse(scope), MAY)


def test_each_figure_is_the_hand_count_of_the_month(channel):
    assert channel.returned.status == "returned_to_counter" and channel.returned.attempts == 3
    assert (channel.first.attempts, channel.second.attempts) == (0, 1)
    figures = _may()
    # Pickups: on time in its window; late after it; quick within the stage's 20 minutes; slow took 3 hours.
    assert (figures.pickups_done, figures.pickups_without_window, figures.pickups_judged) == (4, 2, 4)
    assert figures.pickups_on_time == 2 and figures.pickup_on_time_rate == 0.5
    assert figures.pickup_standard_minutes == 20
    # Deliveries: three ended, one at the first attempt, one after a failed attempt, one back at the counter.
    assert (figures.deliveries_ended, figures.delivered, figures.delivered_first_attempt) == (3, 2, 1)
    assert figures.returned_to_counter == 1
    assert figures.first_attempt_rate == pytest.approx(1 / 3) and figures.returned_rate == pytest.approx(1 / 3)
    # Postage: each of the four pickups and the two delivered results; fees: 50,000 + 50,000 + 20,000 at pickups
    # (the quick one paid nothing), and the 50,000 still owed on each delivered result.
    assert (figures.postage_collected, figures.postage_collections) == (6 * POSTAGE, 6)
    assert (figures.fees_collected, figures.fees_collections) == (50000 + 50000 + 20000 + 2 * FEES, 5)
    # Cost: seven orders' postage over six dossiers (the quick pickup and its delivery are one dossier; the two
    # pickups not handed over stand for the dossiers they will become).
    assert (figures.orders_ended, figures.postage_charged, figures.dossiers_carried) == (7, 7 * POSTAGE, 6)
    assert figures.cost_per_dossier == round(7 * POSTAGE / 6) == 18667


def test_the_figures_take_a_few_queries_whatever_the_number_of_orders(world, channel):
    """Two grouped reads (orders, collections) and the catalogue's pickup stage (four): nothing per order."""
    province = scope_parse("province:42")
    with CaptureQueriesContext(connection) as few:
        postal_figures(province, MAY)
    _pickup(world, booked="18/05/2026 08:00", collected="18/05/2026 09:00")
    with CaptureQueriesContext(connection) as more:
        figures = postal_figures(province, MAY)
    assert figures.pickups_done == 5
    assert len(more) == len(few) == 6


def test_another_provinces_orders_are_not_counted(world, channel, second_province):
    moved = _pickup(world, booked="19/05/2026 08:00", window=("20/05/2026 08:00", "20/05/2026 09:00"),
                    collected="20/05/2026 08:30")  # fmt: skip
    PostalOrder.objects.filter(pk=moved.pk).update(receiving_point=second_province)
    assert _may().pickups_done == 4 and _may().postage_collected == 6 * POSTAGE
    elsewhere = _may("province:40")
    assert (elsewhere.pickups_done, elsewhere.pickups_on_time, elsewhere.deliveries_ended) == (1, 1, 0)
    assert (elsewhere.postage_collected, elsewhere.fees_collected) == (POSTAGE, FEES)
    assert _may("country").pickups_done == 5


def test_point_agency_and_commune_scopes_select_their_orders(world, channel):
    assert _may(f"point:{world.office.code}") == _may() == _may(f"commune:{world.commune.code}")
    assert _may(f"point:{world.other_office.code}").orders_ended == 0
    assert _may(f"agency:{world.committee.code}").orders_ended == 7
    police = _may(f"agency:{world.police.code}")
    assert (police.orders_ended, police.postage_collected, police.cost_per_dossier) == (0, 0, None)


def test_a_training_points_orders_are_nobodys_work(world, channel):
    ReceivingPoint.objects.filter(pk=world.office.pk).update(is_training=True)
    figures = _may("country")
    assert (figures.orders_ended, figures.postage_collected, figures.fees_collected) == (0, 0, 0)
    assert figures.pickup_on_time_rate is None and figures.first_attempt_rate is None


def test_an_order_counts_in_the_local_month_it_ended_in(world, channel):
    """GIVEN a pickup collected at 23:50 on 31 May and one at 00:10 on 1 June, Vietnam's time
    THEN May counts the first with its money, June the second."""
    _pickup(world, booked="31/05/2026 20:00", collected="31/05/2026 23:50", fees=0)
    _pickup(world, booked="31/05/2026 20:00", collected="01/06/2026 00:10", fees=0)
    may = _may()
    assert may.pickups_done == 5 and may.postage_collected == 7 * POSTAGE
    june = postal_figures(scope_parse("province:42"), period_parse("2026-06"))
    assert (june.pickups_done, june.postage_collected, june.deliveries_ended) == (1, POSTAGE, 0)


def test_the_dashboard_shows_the_postal_channel(world, channel, client):
    client.force_login(world.onestop)
    response = client.get(reverse("indicators:dashboard"), {"scope": "province:42", "period": "2026-05"})
    assert response.status_code == 200
    assert response.context["board"].postal == _may()
    html = response.content.decode()
    assert 'aria-labelledby="dash-postal"' in html and "Kênh bưu chính" in html and "Số lượng" in html
    assert "18.667 ₫" in html and "220.000 ₫" in html  # the cost per dossier, the fees, written the Vietnamese way
    assert "50,0 %" in html  # pickups on time


def test_the_workbook_has_the_postal_sheet_with_numbers(world, channel, client):
    from openpyxl import load_workbook

    client.force_login(world.onestop)
    response = client.get(reverse("indicators:dashboard_xlsx"), {"scope": "province:42", "period": "2026-05"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[-1] == "Kênh bưu chính"
    rows = list(book["Kênh bưu chính"].iter_rows(min_row=3, values_only=True))
    assert rows[0][1:4] == (2, 4, 0.5)  # pickups on time, out of, rate as a share
    assert rows[-1][1] == 6 and rows[-1][4] == 18667  # dossiers carried, cost per dossier in đồng
    assert book["Kênh bưu chính"].cell(row=3 + len(rows) - 1, column=5).number_format == '#,##0 "₫"'


def test_the_command_prints_the_postal_figures(channel):
    out = StringIO()
    with travel(at("15/06/2026 08:00"), tick=False):
        call_command("indicators", "--scope", "province:42", "--period", "2026-05", "--json", "--no-keep", stdout=out)
    postal = json.loads(out.getvalue())["postal"]
    assert postal["pickups"] == {
        "done": 4, "without_window": 2, "judged": 4, "on_time": 2, "on_time_rate": 0.5, "standard_minutes": 20,
    }  # fmt: skip
    assert postal["deliveries"]["first_attempt"] == 1 and postal["deliveries"]["returned_rate"] == 0.333333
    assert postal["collected_vnd"] == {"postage": 6 * POSTAGE, "fees": 220000}
    assert postal["cost_per_dossier"]["vnd"] == 18667 and postal["cost_per_dossier"]["dossiers_carried"] == 6
    text = StringIO()
    with travel(at("15/06/2026 08:00"), tick=False):
        call_command("indicators", "--scope", "province:42", "--period", "2026-05", "--no-keep", stdout=text)
    assert "postal channel" in text.getvalue() and "18,667 VND" in text.getvalue()
