"""The simulated portal as a remote party: it validates records, answers with reasons, wants its token, dedupes by
the idempotency key, can fail or be down, and keeps its own store; and the pull of what was filed online."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import requests
from django.core.management import CommandError, call_command

from motcua.core.errors import ApplicationError
from motcua.national.adapters.simulated import DEVELOPMENT_NATIONAL_TOKEN
from motcua.national.checks import national_portal_risks
from motcua.national.models import IncomingFiling
from motcua.national.services import filing_pull
from motcua.national.simulator import record_problems

GOOD = {
    "MaHoSo": "H30.X01-261203-0001",
    "SoThuTu": 1,
    "MaTTHC": "1.000005",
    "NoiDungXuLy": "receive",
    "TrangThaiHoSo": 2,
    "KenhThucHien": 1,
    "NgayTiepNhan": "2026-12-03T09:00:00+07:00",
    "ThoiDiemXuLy": "2026-12-03T09:00:00+07:00",
    "NgayHenTra": "2026-12-10T17:00:00+07:00",
    "HoSoCoThanhPhanSoHoa": 0,
    "DuocTaiSuDung": 0,
    "SoLanYeuCauBoSung": 0,
}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"MaHoSo": ""}, "MaHoSo: required text"),
        ({"TrangThaiHoSo": 11}, "TrangThaiHoSo: a code from 1 to 10"),
        ({"TrangThaiHoSo": True}, "TrangThaiHoSo: a code from 1 to 10"),
        ({"KenhThucHien": 0}, "KenhThucHien: a code from 1 to 3"),
        ({"NgayTiepNhan": "2026-12-03T09:00:00"}, "NgayTiepNhan: required, ISO 8601 with an offset"),
        ({"NgayHenTra": "10/12/2026"}, "NgayHenTra: ISO 8601 with an offset, or null"),
        ({"DuocTaiSuDung": 2}, "DuocTaiSuDung: 0 or 1"),
        ({"SoThuTu": 0}, "SoThuTu: a positive whole number"),
        ({"SoLanYeuCauBoSung": -1}, "SoLanYeuCauBoSung: a whole number, 0 or more"),
    ],
)
def test_a_malformed_record_is_refused_with_its_reason(change, reason):
    assert record_problems({**GOOD, **change}) == [reason]


def test_a_well_formed_record_has_no_problem_and_a_list_is_not_a_record():
    assert record_problems(GOOD) == []
    assert record_problems([GOOD]) == ["the record must be a JSON object"]


def _post(url, body, key="k1", token=DEVELOPMENT_NATIONAL_TOKEN):
    return requests.post(
        f"{url}/api/records",
        data=body if isinstance(body, bytes) else json.dumps(body),
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
        timeout=5,
    )


def test_over_http_it_accepts_once_refuses_with_reasons_and_wants_its_token(portal, settings):
    url = settings.NATIONAL_PORTAL_URL
    assert _post(url, GOOD).status_code == 201
    assert _post(url, GOOD).json()["duplicate"] is True
    refused = _post(url, {**GOOD, "KenhThucHien": 9}, key="k2")
    assert (refused.status_code, refused.json()["reasons"]) == (422, ["KenhThucHien: a code from 1 to 3"])
    assert _post(url, b"\xff not json", key="k3").status_code == 422
    assert _post(url, GOOD, key="").status_code == 400
    assert _post(url, GOOD, key="k4", token="guess").status_code == 401
    held = requests.get(
        f"{url}/api/records", headers={"Authorization": f"Bearer {DEVELOPMENT_NATIONAL_TOKEN}"}, timeout=5
    )
    assert [r["key"] for r in held.json()["records"]] == ["k1"]


def test_its_store_is_its_own_file(portal, settings, tmp_path):
    _post(settings.NATIONAL_PORTAL_URL, GOOD)
    assert json.loads((tmp_path / "portal.json").read_text("utf-8"))["records"][0]["record"] == GOOD


def test_down_drops_the_connection(portal, settings):
    portal.down = True
    with pytest.raises(requests.ConnectionError):
        _post(settings.NATIONAL_PORTAL_URL, GOOD)


@pytest.mark.django_db
def test_pull_stores_each_filing_once(portal):
    portal.store.add_filing(
        {
            "MaHoSoQG": "G22.99-261203-0001",
            "MaTTHC": "1.000005",
            "ChuHoSo": "Lê Thị Hoa",
            "NgayNopHoSo": "2026-12-03T08:00:00+07:00",
        }
    )
    portal.store.add_filing({"MaHoSoQG": "", "MaTTHC": "broken"})
    assert filing_pull() == 1
    assert filing_pull() == 0
    filing = IncomingFiling.objects.get()
    assert (filing.national_code, filing.applicant_name) == ("G22.99-261203-0001", "Lê Thị Hoa")
    # No procedure 1.000005 in this catalogue: the inbox cannot take it (tests/submissions/test_national_filings.py).
    assert filing.status == "rejected" and "1.000005" in filing.reason
    assert filing.filed_at == datetime.fromisoformat("2026-12-03T08:00:00+07:00")


@pytest.mark.django_db
def test_pull_from_a_portal_that_is_down_says_so(portal):
    portal.down = True
    with pytest.raises(ApplicationError) as caught:
        filing_pull()
    assert caught.value.code == "national_portal_unreachable"
    with pytest.raises(CommandError):
        call_command("national_pull")


@pytest.mark.django_db
def test_the_push_command_reports_what_it_sent(world, capsys):
    world.receive()
    call_command("national_push")
    assert "accepted 1, rejected 0, failed 0" in capsys.readouterr().out


def test_the_deploy_check_refuses_the_simulator_and_its_published_token():
    assert national_portal_risks(adapter="log", token="s3cret") == []
    assert len(national_portal_risks(adapter="simulated", token=DEVELOPMENT_NATIONAL_TOKEN)) == 2
