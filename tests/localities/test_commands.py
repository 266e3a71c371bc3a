"""The management commands a person runs: load_localities and locality_resolve."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


def _run(*args) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


def test_load_localities_prints_counts(localities):
    output = _run("load_localities")
    assert "Provinces: 34" in output
    assert "3321" in output
    assert "63 provinces, 696 districts, 10051 communes" in output
    assert "Already loaded" in output


def test_load_localities_force_reloads(localities):
    assert "Loaded in" in _run("load_localities", "--force")


def test_locality_resolve_prints_the_new_address(localities):
    output = _run("locality_resolve", "Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội")
    assert "Before 1/7/2025: Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội" in output
    assert "Since 1/7/2025: Phường Hoàn Kiếm, Thành phố Hà Nội" in output
    assert "Confidence: high" in output


def test_locality_resolve_without_accents_or_district(localities):
    output = _run("locality_resolve", "xa thanh xuan, huyen soc son, ha noi")
    assert "Xã Nội Bài, Thành phố Hà Nội" in output


def test_locality_resolve_fails_on_an_unknown_province(localities):
    with pytest.raises(CommandError):
        _run("locality_resolve", "Xã A, Huyện B, Tỉnh Không Có")
