"""The claim map and the citizens' page gate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from motcua.accounts.models import User
from motcua.citizens.access import citizen_required, request_citizen
from motcua.citizens.claims import identity_from_claims
from motcua.citizens.demo import DEMO_PASSWORD, citizens_load_demo
from motcua.citizens.idp.models import LocalIdentity
from motcua.citizens.models import AccountKind
from motcua.core.errors import ApplicationError
from tests.factories import citizen_account


def test_claims_become_an_identity():
    identity = identity_from_claims(
        {"id_number": 42195001111_0, "name": "  Nguyễn   Thị Hạnh ", "birthdate": "14/03/1995",
         "address": {"formatted": "Hà Tĩnh"}, "email": "not-an-email", "phone_number": "0995001111"},
        issuer="i", subject="s",
    )  # fmt: skip
    assert identity.owner_number == "421950011110"
    assert (identity.full_name, identity.birth_date, identity.address, identity.email) == (
        "Nguyễn Thị Hạnh", dt.date(1995, 3, 14), "Hà Tĩnh", "",
    )  # fmt: skip
    assert (
        identity_from_claims({"id_number": "0301234567890"}, issuer="i", subject="s").kind == AccountKind.ORGANIZATION
    )


@pytest.mark.parametrize("number", [None, "", "12345", "04219500111x", "0421950011111111", ["042195001111"], True])
def test_claims_without_a_valid_number_are_refused(number):
    with pytest.raises(ApplicationError) as refused:
        identity_from_claims({"id_number": number, "name": "X"}, issuer="i", subject="s")
    assert refused.value.code == "sign_in_no_id_number"
    assert refused.value.messages()["vi"] != refused.value.messages()["en"]


@citizen_required
def my_page(request):
    return HttpResponse(request_citizen(request).owner_number)


@pytest.mark.django_db
def test_citizen_pages_send_the_anonymous_to_sign_in_with_next():
    request = RequestFactory().get("/cong-dan/ho-so/?trang=2")
    request.user = AnonymousUser()
    response = my_page(request)
    assert response.status_code == 302
    assert response["Location"] == "/cong-dan/dang-nhap/?next=%2Fcong-dan%2Fho-so%2F%3Ftrang%3D2"


@pytest.mark.django_db
def test_citizen_pages_refuse_staff_and_open_for_citizens():
    request = RequestFactory().get("/cong-dan/ho-so/")
    request.user = User.objects.create_user(username="clerk", password="x", is_staff=True)
    with pytest.raises(PermissionDenied):
        my_page(request)
    request.user = citizen_account(owner_number="042195001111").user
    assert my_page(request).content == b"042195001111"


@pytest.mark.django_db
def test_demo_identities_load_twice_without_duplicates():
    citizens_load_demo()
    citizens_load_demo()
    assert LocalIdentity.objects.count() == 3
    hanh = LocalIdentity.objects.get(number="042195001111")
    assert hanh.phone == "0995001111" and hanh.check_password(DEMO_PASSWORD)
    assert LocalIdentity.objects.get(number="3001234567").kind == AccountKind.ORGANIZATION


def test_a_local_account_follows_the_site_when_its_address_changes(db):
    """The embedded provider's issuer is the site's address: after PUBLIC_BASE_URL changes, the same local identity
    (same subject) still opens its account; a different subject with the same number is still refused."""
    from motcua.citizens.idp.registration import issuer
    from motcua.citizens.services import Identity, citizen_sign_in
    from motcua.core.errors import ApplicationError
    from tests.factories import citizen_account

    before = citizen_account(owner_number="042195001111", issuer="http://old.example:8000/dinh-danh-thu", subject="s-1")
    moved = citizen_sign_in(
        identity=Identity(issuer=issuer(), subject="s-1", owner_number="042195001111", full_name="Nguyễn Thị Hạnh")
    )
    assert moved.pk == before.pk and moved.issuer == issuer()
    with pytest.raises(ApplicationError) as refused:
        citizen_sign_in(
            identity=Identity(issuer=issuer(), subject="s-2", owner_number="042195001111", full_name="Nguyễn Thị Hạnh")
        )
    assert refused.value.code == "sign_in_number_taken"
