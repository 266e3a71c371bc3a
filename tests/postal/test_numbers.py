from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.postal.models import OrderKind
from motcua.postal.numbers import s10_check_digit, tracking_number_format, tracking_number_issue


def tracking_number_valid(value: str) -> bool:
    """Whether ``value`` is a well-formed S10 number whose check digit is right (the check the carrier makes)."""
    value = value.strip().upper()
    if len(value) != 13 or not value[:2].isalpha() or not value[2:11].isdigit() or not value[11:].isalpha():
        return False
    return s10_check_digit(value[2:10]) == int(value[10])


def test_the_s10_check_digit_matches_the_upu_example():
    # UPU S10 example: RA 47312482 9 CH (weights 8 6 4 2 3 5 9 7).
    assert s10_check_digit("47312482") == 9
    assert tracking_number_valid("RA473124829CH")
    assert not tracking_number_valid("RA473124828CH")


@given(st.integers(min_value=0, max_value=10**8 - 1))
def test_every_issued_shape_is_valid_and_a_changed_digit_is_caught(number):
    value = tracking_number_format(prefix="HS", number=number)
    assert len(value) == 13 and value.endswith("VN") and tracking_number_valid(value)
    serial, check = value[2:10], value[10]
    changed = str((int(serial[0]) + 1) % 10) + serial[1:]
    # S10's modulo-11 digit maps two remainders onto 5 and one onto 0, so a few changes keep the same
    # digit: a change is caught exactly when the changed serial's check digit differs.
    caught = not tracking_number_valid(f"HS{changed}{check}VN")
    assert caught == (s10_check_digit(changed) != int(check))


@pytest.mark.django_db
def test_numbers_follow_each_other_per_kind_and_never_repeat():
    pickups = [tracking_number_issue(kind=OrderKind.PICKUP) for _ in range(3)]
    delivery = tracking_number_issue(kind=OrderKind.DELIVERY)
    assert [p[:10] for p in pickups] == ["HS00000001", "HS00000002", "HS00000003"]
    assert delivery.startswith("KQ00000001")
    assert len(set(pickups)) == 3 and all(tracking_number_valid(p) for p in [*pickups, delivery])
