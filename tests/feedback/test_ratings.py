"""Rating the handling of a dossier: the three ways in, once per dossier, only once returned."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.outbox import outbox_dispatch
from motcua.feedback.links import rating_path, rating_token
from motcua.feedback.models import DossierRating
from motcua.feedback.services import dossier_rate
from motcua.notifications.models import Notification
from tests.dossiers.transitions_support import reach
from tests.factories import citizen_account

pytestmark = pytest.mark.django_db

ANSWER = {"score": "dissatisfied", "reasons": ["slow", "attitude"], "comment": "Chờ lâu"}


def test_the_return_sends_one_rating_invitation_per_channel_with_a_link_that_opens_the_form(client, returned):
    outbox_dispatch()
    outbox_dispatch()  # delivered at least once: a second run makes nothing more
    invitations = Notification.objects.filter(dossier=returned, event="rating")
    assert sorted(invitations.values_list("channel", flat=True)) == ["email", "sms", "zalo"]
    email = invitations.get(channel="email")
    assert email.recipient == "an@example.vn"
    path = re.search(r"https?://[^/]+(/danh-gia/\S+/)", email.body).group(1)
    response = client.get(path)
    assert response.status_code == 200
    assert returned.code in response.content.decode()
    response = client.post(path, ANSWER)
    assert response.status_code == 302
    rating = DossierRating.objects.get(dossier=returned)
    assert (rating.score, rating.reasons, rating.source) == ("dissatisfied", ["slow", "attitude"], "link")
    assert rating.received_by == returned.received_by
    assert rating.returned_by is not None
    assert rating.lead_agency == returned.lead_agency and rating.receiving_point == returned.receiving_point


def test_a_double_post_records_one_rating(client, returned):
    path = rating_path(code=returned.code)
    client.post(path, ANSWER)
    client.post(path, ANSWER)
    assert DossierRating.objects.filter(dossier=returned).count() == 1
    assert DossierRating.objects.get(dossier=returned).changes == 0


def test_a_rating_may_be_changed_for_a_few_days_then_is_final(client, returned):
    path = rating_path(code=returned.code)
    client.post(path, ANSWER)
    client.post(path, {**ANSWER, "score": "satisfied"})
    assert DossierRating.objects.get(dossier=returned).score == "satisfied"
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=4)):
        response = client.post(rating_path(code=returned.code), {**ANSWER, "score": "normal"})
        assert DossierRating.objects.get(dossier=returned).score == "satisfied"
        assert response.status_code == 200
        assert b"<form" not in response.content.split(b'id="main"')[1]


def test_the_public_lookup_of_a_returned_dossier_offers_the_rating(client, returned):
    response = client.get(reverse("portal:lookup"), {"ma": returned.code, "k": returned.lookup_secret})
    link = re.search(r'href="(/danh-gia/[^"]+)"', response.content.decode()).group(1).replace("&amp;", "&")
    client.post(link, {"score": "satisfied"})
    assert DossierRating.objects.get(dossier=returned).source == "lookup"


def test_the_lookup_offers_no_rating_before_the_return(client, world):
    dossier = reach(world, Status.IN_PROCESS)
    response = client.get(reverse("portal:lookup"), {"ma": dossier.code, "k": dossier.lookup_secret})
    assert "/danh-gia/" not in response.content.decode()


def test_my_dossiers_rates_the_citizens_own_dossier_and_hides_others(client, returned):
    owner = citizen_account(owner_number="042098001234", full_name="Nguyễn Văn An")
    client.force_login(owner.user)
    url = reverse("feedback:my_rate", args=[returned.code])
    assert client.post(url, {"score": "normal", "reasons": ["fees"]}).status_code == 302
    assert DossierRating.objects.get(dossier=returned).source == "account"
    other = citizen_account(owner_number="042195001111", full_name="Nguyễn Thị Hạnh")
    client.force_login(other.user)
    assert client.get(url).status_code == 404


def test_no_rating_before_the_result_is_returned(client, world):
    dossier = reach(world, Status.RESULT_AT_COUNTER)
    response = client.post(rating_path(code=dossier.code), ANSWER)
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert not DossierRating.objects.exists()


def test_a_forged_or_expired_link_gets_a_clear_page(client, returned):
    forged = rating_token(code=returned.code)[:-3] + "xyz"
    response = client.get(reverse("feedback:rate", args=[forged]))
    assert response.status_code == 403
    assert 'role="alert"' in response.content.decode()
    path = rating_path(code=returned.code)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=31)):
        assert client.get(path).status_code == 403


def test_bad_input_is_refused_with_a_clear_error(client, returned):
    path = rating_path(code=returned.code)
    assert client.post(path, {"score": "ecstatic"}).status_code == 400
    assert client.post(path, {"score": "satisfied", "comment": "x" * 5000}).status_code == 400
    assert client.post(path, {"score": "satisfied", "reasons": ["bribes"]}).status_code == 400
    assert client.post(path, {"score": "satis\x00fied"}).status_code == 400
    assert not DossierRating.objects.exists()


def test_the_service_refuses_an_unknown_reason(returned):
    from motcua.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as refused:
        dossier_rate(dossier=returned, score="satisfied", reasons=["nope"], comment="", source="link")
    assert refused.value.code == "rating_reason_unknown"
    assert set(refused.value.messages()) == {"vi", "en"}
