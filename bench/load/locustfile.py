"""A province's busy day against the production tier (issue 16, item 4): Locust users for the people of the day.

Run by ``bench/load.py``, which starts ``make serve``'s tier, prepares the day and names it in ``MOTCUA_LOAD_DATA``
(a :class:`busy_day.Day` as JSON); the dossiers the counter's 2xx answers acknowledge are appended, one JSON line
each, to ``MOTCUA_LOAD_RECEIPTS``, which the runner checks against the database afterwards.

Who (weights: the share of the users):

* ``CounterClerk`` (4): reads a procedure's checklist, receives a dossier with its mandatory papers and fees, and
  transfers it to the lead agency; or returns a result waiting at the counter to the applicant.
* ``AgencySpecialist`` (3) and ``AgencyLeader`` (1): open a dossier of their inbox and take the next step:
  complete a step, approve, send the result to the counter or the post.
* ``Citizen`` (9): looks a dossier up with its code and secret, tracks a parcel, reads a procedure's page.
* ``Carrier`` (1): the postal carrier's tracking webhook, signed: accepted, out for delivery, delivered.
* ``Supervisor`` (1): signs in through the form (CSRF) and opens the province's indicators at ``/chi-so/``.

Each dossier waits in one queue of this process and is taken by one user at a time, so users never race each other
on a dossier (a conflict would be the scenario's fault, not the application's). Every request is named by its type
(:class:`busy_day.Request`) and checked: a status other than the one expected, or a body without what it must show,
is a failure. Only loopback hosts are loaded.
"""

from __future__ import annotations

import json
import os
import random
import re
import uuid
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from busy_day import (
    Day,
    Parcel,
    Request,
    applicant,
    collector,
    loopback_only,
    next_move,
    reception,
    signed_headers,
    tracking_event,
)
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A share of the counter's dossiers are returned by post (the procedure allows it).
BY_POST = 0.2


class Desk:
    """The day's shared state: what waits for whom, the parcels' progress, the receipts written."""

    def __init__(self, day: Day, receipts: Path | None) -> None:
        self.day = day
        self.for_specialist: deque[str] = deque(day.for_specialist)
        self.for_leader: deque[str] = deque()
        self.at_counter: deque[str] = deque(day.at_counter)
        # (parcel, next step of its story); a parcel is in the queue while its story is not told to the end.
        self.parcels: deque[tuple[Parcel, int]] = deque((parcel, 0) for parcel in day.parcels)
        self.events_sent: list[tuple[Parcel, int]] = []
        self.receipts = receipts

    def route(self, dossier: dict[str, Any]) -> None:
        """Put a dossier in the queue of whoever acts next on it (none: it is with the post, or done)."""
        move = next_move(dossier)
        if move is not None:
            (self.for_leader if move.role == "leader" else self.for_specialist).append(dossier["code"])
        elif dossier["status"] == "result_at_counter":
            self.at_counter.append(dossier["code"])

    def acknowledge(self, dossier: dict[str, Any], key: str) -> None:
        if self.receipts is not None:
            with self.receipts.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"code": dossier["code"], "idempotency_key": key}) + "\n")


desk: Desk | None = None


@events.init.add_listener
def _prepare(environment: Any, **_kwargs: Any) -> None:
    """Refuse a host that is not this machine's, then read the day the runner prepared."""
    global desk
    loopback_only(environment.host)
    data = os.environ.get("MOTCUA_LOAD_DATA")
    if not data:
        raise RuntimeError("MOTCUA_LOAD_DATA names no prepared day: run the load test through bench/load.py")
    receipts = os.environ.get("MOTCUA_LOAD_RECEIPTS")
    desk = Desk(Day.read(Path(data)), Path(receipts) if receipts else None)


class DayUser(FastHttpUser):
    """Someone of the day. ``call`` is the only way a user sends a request: it names the request type, checks the
    status and the body, and answers the body (JSON decoded when asked) or ``None`` on a failure."""

    abstract = True

    def __init__(self, environment: Any) -> None:
        loopback_only(self.host)  # the runner sets it from --host (or the web page's field) before a user starts
        super().__init__(environment)
        self.rng = random.Random()

    @property
    def desk(self) -> Desk:
        if desk is None:
            raise RuntimeError("the day is not prepared (MOTCUA_LOAD_DATA)")
        return desk

    @property
    def day(self) -> Day:
        return self.desk.day

    def call(
        self,
        method: str,
        path: str,
        *,
        name: Request,
        status: int = 200,
        token: str = "",
        body: dict[str, Any] | None = None,
        check: Callable[[Any], str | None] | None = None,
        decode: bool = True,
        **kwargs: Any,
    ) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            kwargs["json"] = body
        with self.client.request(method, path, name=name, headers=headers, catch_response=True, **kwargs) as response:
            text = response.text or ""
            if response.status_code != status:
                response.failure(f"HTTP {response.status_code}, expected {status}: {text[:300]}")
                return None
            try:
                answer = json.loads(text) if decode else text
            except ValueError:
                response.failure(f"not JSON: {text[:300]}")
                return None
            problem = check(answer) if check else None
            if problem:
                response.failure(problem)
                return None
            response.success()
            return answer

    def act(self, code: str, action: str, *, name: Request, token: str, body: dict[str, Any]) -> Any:
        """A lifecycle action through the API, retry-safe like any client's (``Idempotency-Key``)."""
        return self.call(
            "POST",
            f"/api/v1/dossiers/{code}/actions/{action}",
            name=name,
            token=token,
            body=body,
            headers={"Idempotency-Key": str(uuid.uuid4())},
            check=lambda d: None if d.get("code") == code else f"{action} answered another dossier: {d}",
        )

    def open(self, code: str, token: str) -> Any:
        return self.call(
            "GET",
            f"/api/v1/dossiers/{code}",
            name=Request.OPEN,
            token=token,
            check=lambda d: None if d.get("code") == code and "steps" in d else f"not dossier {code}: {d}",
        )


def _status_is(expected: str) -> Callable[[Any], str | None]:
    return lambda d: None if d.get("status") == expected else f"status {d.get('status')!r}, expected {expected!r}"


def _page_shows(*needles: str) -> Callable[[Any], str | None]:
    def check(page: Any) -> str | None:
        missing = [needle for needle in needles if needle not in page]
        return f"the page lacks {missing}" if missing else None

    return check


class CounterClerk(DayUser):
    weight = 4
    wait_time = between(2, 5)

    @task(3)
    def receive(self) -> None:
        procedure = self.rng.choice(self.day.procedures)
        token = self.day.tokens["clerk"]
        self.call(
            "GET",
            f"/api/v1/procedures/{procedure.code}",
            name=Request.CHECKLIST,
            check=lambda d: None if d.get("national_code") == procedure.code else f"not {procedure.code}: {d}",
        )
        person = applicant(self.rng, today=datetime.now(UTC).date())
        body = reception(
            procedure,
            person,
            point=self.day.receiving_point,
            agency=self.day.lead_agency,
            by_post=procedure.postal_return and self.rng.random() < BY_POST,
        )
        key = str(uuid.uuid4())
        dossier = self.call(
            "POST",
            "/api/v1/dossiers",
            name=Request.RECEIVE,
            status=201,
            token=token,
            body=body,
            headers={"Idempotency-Key": key},
            check=lambda d: None if d.get("code") and d.get("status") == "received" else f"no dossier received: {d}",
        )
        if dossier is None:
            return
        self.desk.acknowledge(dossier, key)
        transferred = self.act(dossier["code"], "transfer", name=Request.TRANSFER, token=token, body={})
        if transferred is not None:
            self.desk.route(transferred)

    @task(2)
    def return_result(self) -> None:
        token = self.day.tokens["clerk"]
        if not self.desk.at_counter:
            self.call(
                "GET",
                "/api/v1/dossiers?"
                + urlencode({"status": "result_at_counter", "receiving_point": self.day.receiving_point}),
                name=Request.AT_COUNTER,
                token=token,
                check=lambda d: None if "results" in d else f"not a page of dossiers: {d}",
            )
            return
        code = self.desk.at_counter.popleft()
        dossier = self.open(code, token)
        if dossier is None:
            return
        self.act(code, "return_result", name=Request.RETURN, token=token, body=collector(dossier))


class AgencyOfficer(DayUser):
    """Takes the dossiers waiting for ``role`` one at a time: opens it, takes the next step, passes it on."""

    abstract = True
    role = ""

    def queue(self) -> deque[str]:
        return self.desk.for_leader if self.role == "leader" else self.desk.for_specialist

    @task
    def next_step(self) -> None:
        token = self.day.tokens[self.role]
        if not self.queue():
            self.call(
                "GET",
                "/api/v1/dossiers?" + urlencode({"agency": self.day.lead_agency, "status": "in_process"}),
                name=Request.WORKLIST,
                token=token,
                check=lambda d: None if "results" in d else f"not a page of dossiers: {d}",
            )
            return
        code = self.queue().popleft()
        dossier = self.open(code, token)
        if dossier is None:
            return
        move = next_move(dossier)
        if move is None or move.role != self.role:
            self.desk.route(dossier)  # not ours after all: to whoever's turn it is
            return
        done = self.act(code, move.action, name=move.request, token=token, body=move.body)
        if done is not None:
            self.desk.route(done)


class AgencySpecialist(AgencyOfficer):
    weight = 3
    wait_time = between(1, 3)
    role = "specialist"


class AgencyLeader(AgencyOfficer):
    weight = 1
    wait_time = between(1, 3)
    role = "leader"


class Citizen(DayUser):
    weight = 9
    wait_time = between(1, 4)

    @task(6)
    def look_up(self) -> None:
        code, secret = self.rng.choice(self.day.lookups)
        self.call(
            "GET",
            "/tra-cuu/?" + urlencode({"ma": code, "k": secret}),
            name=Request.LOOKUP,
            decode=False,
            check=_page_shows(f'<span class="code">{code}</span>'),
        )

    @task(1)
    def track(self) -> None:
        if not self.day.parcels:
            return
        parcel = self.rng.choice(self.day.parcels)
        self.call(
            "GET",
            "/tra-cuu/?" + urlencode({"van-don": parcel.tracking_number, "sdt": parcel.phone_digits}),
            name=Request.TRACK,
            decode=False,
            check=_page_shows(f'<span class="code">{parcel.tracking_number}</span>'),
        )

    @task(3)
    def read_procedure(self) -> None:
        procedure = self.rng.choice(self.day.procedures)
        self.call(
            "GET",
            f"/thu-tuc/{procedure.code}/",
            name=Request.PROCEDURE_PAGE,
            decode=False,
            check=_page_shows('id="procedure-title"', procedure.name),
        )


class Carrier(DayUser):
    """The carrier tells each parcel's story in order; once every story is told, it retries events it sent, as a
    carrier does when an answer is lost: they must be answered as duplicates."""

    weight = 1
    wait_time = between(0.5, 2)

    @task
    def report(self) -> None:
        if self.desk.parcels:
            parcel, step = self.desk.parcels.popleft()
            expected = "applied"
        elif self.desk.events_sent:
            parcel, step = self.rng.choice(self.desk.events_sent)
            expected = "duplicate"
        else:
            return
        now = datetime.now(UTC)
        body = json.dumps(tracking_event(parcel, step, at=now)).encode()
        answer = self.call(
            "POST",
            f"/buu-chinh/webhook/{self.day.carrier}/",
            name=Request.WEBHOOK,
            data=body,
            headers=signed_headers(secret=self.day.webhook_secret, body=body, now=now),
            check=lambda d: (
                None if [r.get("outcome") for r in d.get("results", [])] == [expected] else f"expected {expected}: {d}"
            ),
        )
        if answer is None:
            return
        if expected == "applied":
            self.desk.events_sent.append((parcel, step))
            if step + 1 < 3:
                self.desk.parcels.append((parcel, step + 1))


class Supervisor(DayUser):
    """Signs in once through the form, then opens the province's dashboard for this month or one before."""

    weight = 1
    wait_time = between(5, 15)

    def on_start(self) -> None:
        form = self.call(
            "GET", "/accounts/login/", name=Request.SIGN_IN_FORM, decode=False, check=_page_shows("csrfmiddlewaretoken")
        )
        match = CSRF_FIELD.search(form or "")
        if match is None:
            return
        username = self.rng.choice(self.day.supervisors)
        fields = {"username": username, "password": self.day.password, "csrfmiddlewaretoken": match.group(1)}
        self.call(
            "POST",
            "/accounts/login/",
            name=Request.SIGN_IN,
            status=302,
            decode=False,
            data=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
        )

    @task
    def dashboard(self) -> None:
        today = datetime.now(UTC).date()
        back = self.rng.choice((0, 0, 0, 1, 2))
        month = (today.year * 12 + today.month - 1) - back
        period = f"{month // 12}-{month % 12 + 1:02d}"
        self.call(
            "GET",
            "/chi-so/?" + urlencode({"scope": f"province:{self.day.province}", "period": period}),
            name=Request.DASHBOARD,
            decode=False,
            allow_redirects=False,  # signed out: a redirect to the sign-in page, a failure
            check=_page_shows(self.day.province_name),
        )
