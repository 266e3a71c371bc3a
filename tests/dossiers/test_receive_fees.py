"""Reception charges the fee line chosen, never the sum of alternatives, and nothing optional unless asked."""

from __future__ import annotations

import pytest

from motcua.core.errors import ApplicationError
from motcua.dossiers.models import DossierFee, ReturnMethod
from motcua.procedures.models import Fee, FeeKind
from motcua.procedures.services import procedure_version_publish
from tests.factories import ProcedureVersionFactory


def _version(world, *lines: dict):
    version = ProcedureVersionFactory(parts=False, postal_return=True)
    component = world.version.components.get(order=1)
    version.components.create(order=1, name=component.name, form=component.form)
    step = world.version.steps.get(order=1)
    version.steps.create(order=1, name=step.name, role=step.role, unit="x", duration=step.duration)
    for order, values in enumerate(lines, start=1):
        Fee.objects.create(version=version, order=order, kind=values.pop("kind", FeeKind.FEE), **values)
    procedure_version_publish(version=version)
    version.refresh_from_db()
    return version


def _receive(world, version, **overrides):
    from motcua.dossiers.services.receive import ReceivedComponent

    component = version.components.get()
    papers = [ReceivedComponent(name=component.name, form=component.form, component_id=component.pk)]
    return world.receive(procedure_version=version, components=papers, **overrides)


@pytest.fixture
def food_safety(world):
    return _version(
        world,
        {"description": "Cơ sở nhỏ lẻ", "amount": 500_000, "group": 1},
        {"description": "Cơ sở khác", "amount": 2_500_000, "group": 1},
    )


@pytest.fixture
def birth(world):
    return _version(
        world,
        {"kind": FeeKind.CHARGE, "description": "Lệ phí", "amount": 0, "exemptions": "Miễn"},
        {"description": "Bản sao trích lục", "amount": 8_000, "optional": True, "per_unit": "bản"},
    )


def test_the_alternative_chosen_is_charged_and_recorded(world, food_safety):
    other = food_safety.fees.get(order=2)
    dossier = _receive(world, food_safety, fee_lines={other.pk: 1}, fees_paid=2_500_000)
    assert dossier.fees_charged == 2_500_000
    line = DossierFee.objects.get(dossier=dossier)
    assert (line.description, line.amount, line.fee_id) == ("Cơ sở khác", 2_500_000, other.pk)


def test_a_reception_that_names_no_alternative_is_refused(world, food_safety):
    with pytest.raises(ApplicationError) as error:
        _receive(world, food_safety)
    assert error.value.code == "fee_alternative_missing"
    assert "fee_lines" in error.value.render("en")


def test_a_free_procedure_charges_nothing_unless_copies_are_asked(world, birth):
    assert _receive(world, birth).fees_charged == 0
    copies = birth.fees.get(order=2)
    dossier = _receive(world, birth, fee_lines={copies.pk: 2}, fees_paid=16_000)
    assert dossier.fees_charged == 16_000
    assert list(dossier.fees.values_list("description", "quantity", "amount")) == [
        ("Lệ phí", 1, 0),
        ("Bản sao trích lục", 2, 16_000),
    ]


def test_paying_more_than_the_line_chosen_is_refused(world, food_safety):
    small = food_safety.fees.get(order=1)
    with pytest.raises(ApplicationError) as error:
        _receive(world, food_safety, fee_lines={small.pk: 1}, fees_paid=3_000_000)
    assert error.value.code == "dossier_fees_exceed_charged"


def test_an_exempt_applicant_is_recorded_with_the_reason(world):
    version = _version(world, {"kind": FeeKind.CHARGE, "description": "Lệ phí", "amount": 15_000, "exemptions": "x"})
    dossier = _receive(world, version, fee_exemption="Hộ nghèo, sổ số 12")
    assert dossier.fees_charged == 0
    assert dossier.fees.get().exemption_reason == "Hộ nghèo, sổ số 12"


def test_the_postage_quoted_for_a_return_by_post_is_recorded(world):
    dossier = world.receive(return_method=ReturnMethod.POST, return_address="12 Trần Phú", return_postage=16_000)
    assert dossier.return_postage == 16_000
    assert world.receive(return_postage=16_000).return_postage is None  # at the counter: no postage
