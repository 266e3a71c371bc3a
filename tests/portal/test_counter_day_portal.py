"""The citizen's side of the day (issue 9, item 19): the lookup is offered on the home, catalogue and procedure
pages, says what is missing when papers are asked for, and the home page offers the home pickup."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.dossiers.lifecycle import Status
from motcua.dossiers.services import transitions as t
from tests.dossiers import conftest as dossier_world
from tests.dossiers.transitions_support import reach
from tests.factories import ProcedureFactory, published_procedure

world = dossier_world.world

LOOKUP = "/tra-cuu/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def lookup(client, dossier):
    return client.get(LOOKUP, {"ma": dossier.code, "k": dossier.lookup_secret}).content.decode()


def test_the_lookup_lists_what_is_missing_and_why(client, world):
    dossier = reach(world, Status.IN_PROCESS)
    dossier = t.dossier_request_supplement(
        dossier=dossier,
        actor=world.specialist,
        items=["Bản sao giấy khai sinh có chứng thực", "Ảnh 4x6"],
        reason="Bản sao nộp kèm chưa được chứng thực",
    )
    page = lookup(client, dossier)
    missing = page[page.index('id="lookup-missing"') :]
    missing = missing[: missing.index("</div>")]
    assert "Bản sao giấy khai sinh có chứng thực" in missing and "Ảnh 4x6" in missing
    assert "Bản sao nộp kèm chưa được chứng thực" in missing
    assert world.committee.name in missing  # who asked


def test_the_lookup_says_nothing_is_missing_once_the_supplement_is_in(client, world):
    dossier = reach(world, Status.SUPPLEMENT_REQUESTED)
    assert 'id="lookup-missing"' in lookup(client, dossier)
    dossier = t.dossier_receive_supplement(dossier=dossier, actor=world.clerk)
    assert 'id="lookup-missing"' not in lookup(client, dossier)


def test_the_home_page_offers_the_lookup_and_the_home_pickup(client, db):
    page = client.get("/").content.decode()
    assert f'href="{reverse("portal:lookup")}"' in page
    assert "data-home-pickup" in page
    assert f'href="{reverse("portal:catalogue")}?thu_gom=1"' in page


def test_the_catalogue_and_each_procedure_page_offer_the_lookup(client, db):
    version = published_procedure(procedure=ProcedureFactory(national_code="1.001193", name="Đăng ký khai sinh"))
    for url in (reverse("portal:catalogue"), reverse("portal:procedure", args=[version.procedure.national_code])):
        page = client.get(url).content.decode()
        assert "data-lookup-link" in page and f'href="{reverse("portal:lookup")}"' in page, url


def test_the_catalogue_lists_only_procedures_with_a_home_pickup_when_asked(client, db):
    pickup = published_procedure(
        procedure=ProcedureFactory(national_code="1.001193", name="Đăng ký khai sinh"), postal_pickup=True
    )
    counter_only = published_procedure(
        procedure=ProcedureFactory(national_code="2.000635", name="Cấp bản sao trích lục"), postal_pickup=False
    )
    page = client.get(reverse("portal:catalogue"), {"thu_gom": "1"}).content.decode()
    assert pickup.procedure.name in page and counter_only.procedure.name not in page
    page = client.get(reverse("portal:catalogue")).content.decode()
    assert pickup.procedure.name in page and counter_only.procedure.name in page
