"""Which fee lines apply to a dossier: alternatives, optional lines, units, exemptions (procedures.fees)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from motcua.core.errors import ApplicationError
from motcua.procedures.demo import DEMO_PROCEDURES
from motcua.procedures.fees import fee_choices, fee_quote
from motcua.procedures.models import Fee, FeeKind
from tests.factories import ProcedureVersionFactory


def _version_with(*lines: dict):
    version = ProcedureVersionFactory(parts=False)
    for order, values in enumerate(lines, start=1):
        Fee.objects.create(version=version, order=order, kind=values.pop("kind", FeeKind.FEE), **values)
    return list(version.fees.order_by("order"))


@pytest.fixture
def food_safety(db):
    """1.002425: a small establishment pays 500.000 ₫, any other 2.500.000 ₫ — one of the two."""
    return _version_with(
        {"description": "Cơ sở nhỏ lẻ", "amount": 500_000, "group": 1},
        {"description": "Cơ sở khác", "amount": 2_500_000, "group": 1},
    )


@pytest.fixture
def birth(db):
    """A free charge with an exemption, and extract copies at 8.000 ₫ each, only when asked."""
    return _version_with(
        {"kind": FeeKind.CHARGE, "description": "Lệ phí khai sinh", "amount": 0, "exemptions": "Miễn"},
        {"description": "Bản sao trích lục", "amount": 8_000, "optional": True, "per_unit": "bản"},
    )


def test_alternatives_are_never_summed(food_safety):
    small, other = food_safety
    assert fee_quote(fees=food_safety, chosen={small.pk: 1}).total == 500_000
    assert fee_quote(fees=food_safety, chosen={other.pk: 1}).total == 2_500_000
    assert fee_choices(food_safety).possible_totals() == [500_000, 2_500_000]


def test_an_alternative_must_be_chosen(food_safety):
    with pytest.raises(ApplicationError) as error:
        fee_quote(fees=food_safety, chosen={})
    assert error.value.code == "fee_alternative_missing"
    assert "Cơ sở nhỏ lẻ" in error.value.render("vi")


def test_two_alternatives_of_one_group_are_refused(food_safety):
    with pytest.raises(ApplicationError) as error:
        fee_quote(fees=food_safety, chosen={fee.pk: 1 for fee in food_safety})
    assert error.value.code == "fee_alternatives_several"


def test_an_optional_line_is_not_charged_by_default(birth):
    quote = fee_quote(fees=birth)
    assert quote.total == 0
    assert [line.fee.description for line in quote.lines] == ["Lệ phí khai sinh"]


def test_copies_asked_are_charged_per_copy(birth):
    copies = birth[1]
    quote = fee_quote(fees=birth, chosen={copies.pk: 3})
    assert quote.total == 24_000
    assert quote.lines[-1].quantity == 3


@pytest.mark.parametrize("units", [-1, 100])
def test_units_out_of_range_are_refused(birth, units):
    with pytest.raises(ApplicationError) as error:
        fee_quote(fees=birth, chosen={birth[1].pk: units})
    assert error.value.code == "fee_quantity_invalid"


def test_a_single_amount_cannot_be_asked_twice(food_safety):
    with pytest.raises(ApplicationError) as error:
        fee_quote(fees=food_safety, chosen={food_safety[0].pk: 2})
    assert error.value.code == "fee_quantity_not_per_unit"


def test_a_line_of_another_procedure_is_refused(birth, food_safety):
    with pytest.raises(ApplicationError) as error:
        fee_quote(fees=birth, chosen={food_safety[0].pk: 1})
    assert error.value.code == "fee_line_unknown"


def test_an_exempt_applicant_pays_nothing_for_the_lines_that_provide_for_it(db):
    fees = _version_with(
        {"kind": FeeKind.CHARGE, "description": "Lệ phí", "amount": 15_000, "exemptions": "Hộ nghèo"},
        {"description": "Bản sao", "amount": 8_000, "optional": True, "per_unit": "bản"},
    )
    quote = fee_quote(fees=fees, chosen={fees[1].pk: 1}, exemption="Hộ nghèo, sổ số 123")
    assert quote.total == 8_000  # the copy provides for no exemption
    assert [(line.exempt, line.amount) for line in quote.lines] == [(True, 0), (False, 8_000)]


def test_an_exemption_no_line_provides_for_is_refused(food_safety):
    with pytest.raises(ApplicationError) as error:
        fee_quote(fees=food_safety, chosen={food_safety[0].pk: 1}, exemption="Người có công")
    assert error.value.code == "fee_exemption_not_provided"


def test_the_database_refuses_an_optional_alternative(db):
    version = ProcedureVersionFactory(parts=False)
    with pytest.raises(IntegrityError):
        Fee.objects.create(
            version=version, order=1, kind=FeeKind.FEE, description="x", amount=1, group=1, optional=True
        )


def test_the_demo_food_safety_procedure_has_two_alternatives():
    spec = next(s for s in DEMO_PROCEDURES if s.national_code == "1.002425")
    assert {fee.group for fee in spec.fees} == {1}
    assert len(spec.fees) == 2
