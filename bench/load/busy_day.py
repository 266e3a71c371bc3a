"""A province's busy day, the parts that both sides of the load test share (issue 16, item 4).

``bench/load.py`` prepares the day on a fresh tier (tokens, dossiers waiting at each desk, parcels with the post)
and writes it down as a :class:`Day`; ``locustfile.py`` plays it. Both build requests from here, so the dossiers
prepared and the dossiers received under load have the same shape. No Locust and no Django here: the runner imports
this module without Locust's monkey-patching, and neither side needs the project's settings.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# The load test never leaves this machine: a mistyped --host must not load someone else's server.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost"})


def loopback_only(host: str | None) -> str:
    """``host`` when it is an http(s) URL of 127.0.0.1 or localhost; otherwise ``ValueError``."""
    parts = urlsplit(host or "")
    if parts.scheme not in ("http", "https") or parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError(f"refusing to load {host!r}: the load test runs against http://127.0.0.1 or localhost only")
    return str(host)


class Request(StrEnum):
    """The request types the statistics group by (Locust's ``name=``), one per thing someone does."""

    CHECKLIST = "clerk: procedure checklist"
    RECEIVE = "clerk: receive a dossier"
    TRANSFER = "clerk: transfer to the agency"
    AT_COUNTER = "clerk: results at the counter"
    RETURN = "clerk: return a result"
    OPEN = "staff: open a dossier"
    WORKLIST = "officer: worklist"
    COMPLETE_STEP = "officer: complete a step"
    SEND_RESULT = "officer: send the result"
    APPROVE = "leader: approve"
    LOOKUP = "citizen: look up a dossier"
    TRACK = "citizen: track a parcel"
    PROCEDURE_PAGE = "citizen: procedure page"
    WEBHOOK = "carrier: tracking webhook"
    SIGN_IN_FORM = "supervisor: sign-in form"
    SIGN_IN = "supervisor: sign in"
    DASHBOARD = "supervisor: indicators /chi-so/"


# --- the day, as the runner prepared it ------------------------------------------------------------------------


@dataclass(frozen=True)
class Procedure:
    """A procedure of the demo catalogue that the counter receives for the lead agency: its mandatory papers and
    what the clerk collects (the fees charged by default, as the reception reported them)."""

    code: str
    name: str
    components: list[int]
    fees_paid: int
    postal_return: bool


@dataclass(frozen=True)
class Parcel:
    """A result with the post: the carrier reports on it, the applicant tracks it."""

    tracking_number: str
    recipient_name: str
    recipient_id_number: str
    phone_digits: str


@dataclass
class Day:
    province: str
    province_name: str
    receiving_point: str
    lead_agency: str
    tokens: dict[str, str]  # clerk, specialist, leader
    supervisors: list[str]
    password: str
    carrier: str
    webhook_secret: str
    procedures: list[Procedure]
    for_specialist: list[str] = field(default_factory=list)
    at_counter: list[str] = field(default_factory=list)
    lookups: list[tuple[str, str]] = field(default_factory=list)  # (dossier code, lookup secret)
    parcels: list[Parcel] = field(default_factory=list)

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Day:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["procedures"] = [Procedure(**p) for p in data["procedures"]]
        data["parcels"] = [Parcel(**p) for p in data["parcels"]]
        data["lookups"] = [tuple(pair) for pair in data["lookups"]]
        return cls(**data)


# --- what the counter sends ------------------------------------------------------------------------------------

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Phan")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Xuân", "Kim")
GIVEN = ("An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phương")
STREETS = ("Trần Phú", "Nguyễn Du", "Phan Đình Phùng", "Hà Huy Tập", "Lê Duẩn", "Nguyễn Công Trứ", "Hàm Nghi")
# Hà Tĩnh's code of birth registration, the first three digits of a citizen ID (the demo province).
BIRTH_PROVINCE = "042"
# The steps a dossier of the scenario may have: the counter's and the lead agency's own (no other agency).
ROLES_PLAYED = frozenset({"postal_clerk", "agency_specialist", "agency_leader"})


def applicant(rng: random.Random, *, today: date) -> dict[str, Any]:
    """A citizen of the demo province whose ID number agrees with the birth date, as reception checks."""
    birth = date(rng.randrange(1950, today.year - 18), rng.randrange(1, 13), rng.randrange(1, 29))
    century = (birth.year - 1900) // 100 * 2 + rng.randrange(2)  # even: male, odd: female
    return {
        "kind": "citizen",
        "name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        "id_number": f"{BIRTH_PROVINCE}{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}",
        "birth_date": birth.isoformat(),
        "phone": f"09{rng.randrange(10**8):08d}",
        "address": f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, Phường Thành Sen, Hà Tĩnh",
    }


def reception(
    procedure: Procedure,
    person: dict[str, Any],
    *,
    point: str,
    agency: str,
    by_post: bool,
    fees_paid: int | None = None,
) -> dict[str, Any]:
    """The body of ``POST /api/v1/dossiers``: the mandatory papers handed in, the fees collected."""
    return {
        "procedure": procedure.code,
        "receiving_point": point,
        "lead_agency": agency,
        "channel": "counter",
        "applicant": person,
        "components": [{"order": order} for order in procedure.components],
        "return_method": "post" if by_post else "counter",
        "return_address": person["address"] if by_post else "",
        "fees_paid": procedure.fees_paid if fees_paid is None else fees_paid,
    }


def procedure_played(detail: dict[str, Any]) -> bool:
    """Whether the scenario can take a procedure (its catalogue detail) from reception to return: carried out by
    a commune, every step at the lead agency, by the counter, a specialist or the leader."""
    steps = detail.get("steps") or []
    return (
        "commune" in detail.get("levels", [])
        and bool(steps)
        and all(not step["at_other_agency"] and step["role"] in ROLES_PLAYED for step in steps)
        and any(step["role"] == "agency_leader" for step in steps)
    )


def collector(dossier: dict[str, Any]) -> dict[str, Any]:
    """The body of ``return_result``: the applicant collects in person, identity checked."""
    person = dossier["applicant"]
    return {
        "collector_name": person["name"],
        "collector_id_number": person["id_number"],
        "identity_checked": True,
        "note": "Người nộp nhận kết quả tại quầy",
        "expected_seq": dossier["seq"],
    }


# --- what the agency does next ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """The next action on a dossier, by whom (``specialist`` or ``leader``), under which request type."""

    role: str
    action: str
    body: dict[str, Any]
    request: Request


def next_move(dossier: dict[str, Any]) -> Move | None:
    """What the lead agency does next with a dossier (its API record), or ``None`` when it is not the agency's turn:
    complete the specialist's step in progress, approve at the leader's, send the result where it is returned."""
    seq = {"expected_seq": dossier["seq"]}
    if dossier["status"] == "in_process":
        active = [step for step in dossier["steps"] if step["status"] == "active"]
        if not active:
            return None
        if active[0]["role"] == "agency_leader":
            return Move("leader", "approve", {"note": "Đồng ý", **seq}, Request.APPROVE)
        note = f"Đã xử lý: {active[0]['name']}"[:2000]
        return Move("specialist", "complete_step", {"note": note, **seq}, Request.COMPLETE_STEP)
    if dossier["status"] in ("approved", "not_approved"):
        action = "send_result_to_post" if dossier["return_method"] == "post" else "send_result_to_counter"
        return Move("specialist", action, seq, Request.SEND_RESULT)
    return None


# --- what the carrier sends ------------------------------------------------------------------------------------

# A parcel's story as its carrier reports it; the last event closes the dossier (returned).
STORY = ("accepted", "out_for_delivery", "delivered")


def tracking_event(parcel: Parcel, step: int, *, at: datetime) -> dict[str, Any]:
    kind = STORY[step]
    details: dict[str, Any] = {}
    if kind == "delivered":
        details = {
            "recipient_name": parcel.recipient_name,
            "recipient_id_number": parcel.recipient_id_number,
            "identity_checked": True,
            "recipient_relation": "self",
        }
    return {
        "event_id": f"{parcel.tracking_number}-{step}",
        "tracking_number": parcel.tracking_number,
        "kind": kind,
        "at": at.isoformat(),
        "details": details,
    }


def signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """The webhook's ``X-Motcua-Signature`` (docs/postal.md): HMAC-SHA256 of ``<timestamp>.<body>``."""
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def signed_headers(*, secret: str, body: bytes, now: datetime) -> dict[str, str]:
    stamp = str(int(now.timestamp()))
    return {
        "Content-Type": "application/json",
        "X-Motcua-Timestamp": stamp,
        "X-Motcua-Signature": signature(secret=secret, timestamp=stamp, body=body),
    }
