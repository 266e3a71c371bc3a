"""The load test's locustfile (bench/load/locustfile.py), without a server: it imports, every task sends only named
requests of the listed types, only loopback hosts are loaded, and what it sends is what the API and the webhook take.

The full load run (bench/load.py, against `make serve`'s tier) is not part of the suite.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from motcua.api.schemas.dossier_requests import ActionIn, ReceptionIn
from motcua.dossiers.services.applicant import citizen_id_check
from motcua.postal.webhook import parse_events, sign

LOAD = Path(__file__).resolve().parents[2] / "bench" / "load"


@pytest.fixture(scope="module")
def locustfile() -> ModuleType:
    # Locust patches the whole process for gevent when imported; the test process must stay as it is.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOCUST_SKIP_MONKEY_PATCH", "1")
        patch.syspath_prepend(str(LOAD))
        spec = importlib.util.spec_from_file_location("motcua_load_locustfile", LOAD / "locustfile.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def busy_day(locustfile) -> ModuleType:
    return sys.modules["busy_day"]


def _day(busy_day) -> Any:
    return busy_day.Day(
        province="42",
        province_name="Hà Tĩnh",
        receiving_point="VNP.42.18073",
        lead_agency="H30.X01",
        tokens={"clerk": "mc_clerk", "specialist": "mc_specialist", "leader": "mc_leader"},
        supervisors=["supervisor"],
        password="motcua-demo",
        carrier="http",
        webhook_secret="a-carrier-secret",
        procedures=[busy_day.Procedure("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", [1, 2, 4], 10000, True)],
        for_specialist=["D-SPECIALIST", "D-APPROVED"],
        at_counter=["D-COUNTER"],
        lookups=[("D-COUNTER", "ABCDEFGH2345")],
        parcels=[busy_day.Parcel("KQ000000014VN", "Lê Văn Bình", "042090123456", "345678")],
    )


def _dossier(code: str, status: str, active_role: str | None = None) -> dict[str, Any]:
    steps = [{"order": 1, "name": "Thẩm định", "role": active_role or "agency_specialist", "status": "active"}]
    return {
        "code": code,
        "status": status,
        "seq": 3,
        "return_method": "counter",
        "steps": steps if active_role else [],
        "applicant": {"name": "Lê Văn Bình", "id_number": "042090123456"},
    }


# What the fake server answers each request type; "D-…" codes name the state a dossier is opened in.
OPENED = {
    "D-SPECIALIST": ("in_process", "agency_specialist"),
    "D-LEADER": ("in_process", "agency_leader"),
    "D-APPROVED": ("approved", None),
    "D-COUNTER": ("result_at_counter", None),
}


def _answer(busy_day, name, path: str) -> Any:
    Request = busy_day.Request
    if name == Request.OPEN:
        code = path.rsplit("/", 1)[-1]
        return _dossier(code, *OPENED[code])
    if name == Request.RECEIVE:
        return _dossier("D-NEW", "received")
    if name in (Request.TRANSFER, Request.COMPLETE_STEP, Request.APPROVE, Request.SEND_RESULT, Request.RETURN):
        return _dossier(path.split("/")[4], "returned")  # nothing left to route
    if name == Request.WEBHOOK:
        return {"applied": 1, "results": [{"outcome": "applied"}]}
    if name == Request.SIGN_IN_FORM:
        return '<input type="hidden" name="csrfmiddlewaretoken" value="t0k3n">'
    return {"results": []} if name in (Request.WORKLIST, Request.AT_COUNTER) else "<html>Hà Tĩnh</html>"


class NoClient:
    """A user's own HTTP client: a task that used it directly would send an unnamed, unchecked request."""

    def __getattr__(self, attribute: str) -> Any:
        raise AssertionError(f"a task used self.client.{attribute} instead of call()")


def test_every_task_sends_only_named_requests_of_the_listed_types(locustfile, busy_day, tmp_path, monkeypatch):
    """GIVEN the day's users with a fake server behind ``call``
    WHEN every task of every user runs, with work waiting and then without
    THEN each task sent at least one request, every request is named by a type of ``Request``, and together the
    tasks send every type (so the table has a row for each thing someone does)."""
    from locust.env import Environment

    locustfile.desk = locustfile.Desk(_day(busy_day), tmp_path / "receipts.jsonl")
    locustfile.desk.for_leader.append("D-LEADER")
    sent: list[tuple[str, Any]] = []

    def fake_call(self, method, path, *, name, **kwargs):
        sent.append((self.__class__.__name__, name))
        return _answer(busy_day, name, path)

    monkeypatch.setattr(locustfile.DayUser, "call", fake_call)
    users = [locustfile.CounterClerk, locustfile.AgencySpecialist, locustfile.AgencyLeader]
    users += [locustfile.Citizen, locustfile.Carrier, locustfile.Supervisor]
    environment = Environment(user_classes=users, host="http://127.0.0.1:8000")
    by_task: dict[str, int] = {}
    for user_class in users:
        monkeypatch.setattr(user_class, "host", environment.host)  # as Locust's runner does before spawning
        user = user_class(environment)
        user.client = NoClient()
        user.on_start()
        for _ in range(4):  # the queues empty as the tasks run: both branches of each
            for task in dict.fromkeys(user.tasks):
                before = len(sent)
                task(user)
                key = f"{user_class.__name__}.{task.__name__}"
                by_task[key] = min(by_task.get(key, len(sent) - before), len(sent) - before)

    assert all(isinstance(name, busy_day.Request) for _user, name in sent)
    assert {name for _user, name in sent} == set(busy_day.Request)
    assert set(by_task) == {
        "CounterClerk.receive",
        "CounterClerk.return_result",
        "AgencySpecialist.next_step",
        "AgencyLeader.next_step",
        "Citizen.look_up",
        "Citizen.track",
        "Citizen.read_procedure",
        "Carrier.report",
        "Supervisor.dashboard",
    }
    assert all(count >= 1 for count in by_task.values()), by_task
    receipts = [json.loads(line) for line in (tmp_path / "receipts.jsonl").read_text().splitlines()]
    assert {receipt["code"] for receipt in receipts} == {"D-NEW"}


@pytest.mark.parametrize(
    "host",
    [
        "http://10.0.0.5:8000",
        "https://motcua.example.gov.vn",
        "http://127.0.0.1.nip.io:8000",
        "http://localhost@attacker.example/",
        "ftp://127.0.0.1/",
        "127.0.0.1:8000",
        "",
        None,
    ],
)
def test_the_host_guard_refuses_a_host_that_is_not_loopback(locustfile, busy_day, host, monkeypatch):
    from locust.env import Environment

    with pytest.raises(ValueError, match="refusing to load"):
        busy_day.loopback_only(host)
    environment = Environment(user_classes=[locustfile.Citizen], host=host)
    with pytest.raises(ValueError, match="refusing to load"):
        locustfile._prepare(environment)  # Locust's init event: before the day is read or a user starts
    monkeypatch.setattr(locustfile.Citizen, "host", host)  # as Locust's runner does before spawning
    with pytest.raises(ValueError, match="refusing to load"):
        locustfile.Citizen(environment)


@pytest.mark.parametrize("host", ["http://127.0.0.1:8000", "http://localhost:8123/", "https://127.0.0.1"])
def test_the_host_guard_lets_loopback_through(busy_day, host):
    assert busy_day.loopback_only(host) == host


def test_what_the_scenario_sends_is_what_the_api_and_the_webhook_take(busy_day, tmp_path):
    """The reception, the agency's actions and the return validate against the API's own input schemas, the
    applicant's ID number agrees with the birth date as reception checks, and the carrier's signature and event
    are the webhook's."""
    rng = random.Random(7)
    day = _day(busy_day)
    for _ in range(50):
        person = busy_day.applicant(rng, today=date(2026, 12, 4))
        citizen_id_check(person["id_number"], date.fromisoformat(person["birth_date"]))
        for by_post in (False, True):
            body = busy_day.reception(
                day.procedures[0], person, point="VNP.42.18073", agency="H30.X01", by_post=by_post
            )
            ReceptionIn.model_validate(body)
    for status, role in [("in_process", "agency_specialist"), ("in_process", "agency_leader"), ("approved", None)]:
        move = busy_day.next_move(_dossier("D-1", status, role))
        ActionIn.model_validate(move.body)
    ActionIn.model_validate(busy_day.collector(_dossier("D-1", "result_at_counter")))
    assert busy_day.next_move(_dossier("D-1", "result_at_counter")) is None

    now = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
    body = json.dumps(busy_day.tracking_event(day.parcels[0], 2, at=now)).encode()
    headers = busy_day.signed_headers(secret="a-carrier-secret", body=body, now=now)
    stamp = headers["X-Motcua-Timestamp"]
    assert headers["X-Motcua-Signature"] == sign(secret="a-carrier-secret", timestamp=stamp, body=body)
    (event,) = parse_events(body)
    assert (event.kind, event.details["recipient_id_number"]) == ("delivered", "042090123456")

    day.write(tmp_path / "day.json")
    assert busy_day.Day.read(tmp_path / "day.json") == day
