#!/usr/bin/env python3
"""Walk a dossier through the motcua REST API from reception to returned result, with the standard library only.

Issue 3, "Done when": through the API alone, receive a dossier, send it through two agencies with one
supplement round, approve it and return it, then read back the exact history and the on-time verdict; and
give a late dossier its apology and new appointment.

Usage, against the demo data (``make run``, or ``manage.py migrate && manage.py load_demo && manage.py
runserver``)::

    export MOTCUA_CLERK_TOKEN=$(.venv/bin/python manage.py api_token clerk)
    export MOTCUA_SPECIALIST_TOKEN=$(.venv/bin/python manage.py api_token specialist)
    export MOTCUA_LEADER_TOKEN=$(.venv/bin/python manage.py api_token leader)
    # The demo has no user at a second agency; the administrator may act for any agency.
    export MOTCUA_PARTNER_TOKEN=$(.venv/bin/python manage.py api_token admin)
    python3 scripts/api_walkthrough.py --base-url http://127.0.0.1:8000

Tokens may also be given as ``--clerk-token`` and so on. Other options (``--help``): ``--procedure`` (default
1.004884, "Đăng ký lại khai sinh", whose verification step is at another commune's committee),
``--receiving-point`` (VNP.42.18073), ``--lead-agency`` (H30.X01), ``--partner-agency`` (H30.X02, the agency of
the steps at another agency), ``--language`` (vi or en, for labels and problems), ``--skip-late``.

What it does:

1. the clerk reads the procedure's checklist and fees (public catalogue) and receives a dossier;
2. the clerk transfers it to the lead agency;
3. each step in progress is completed by whoever holds it: the specialist at the lead agency (routing the
   next step to the partner agency), the partner at the other agency, who first asks for a supplement that
   the clerk then receives (one round); a procedure with no step at another agency does the supplement round
   at the lead agency instead;
4. the leader approves, the specialist sends the result to the counter, the clerk returns it;
5. the history and the verdict (``completion``: early, on_time or late) are printed;
6. unless ``--skip-late``: the leader looks for an overdue dossier (``GET /dossiers?due=overdue``) not yet
   extended and applies the ``extend`` action (apology, new appointment, reason); with none overdue, a fresh
   dossier is received and extended instead.

Every POST carries an ``Idempotency-Key``: a request that times out is sent again with the same key, and the
server answers the first response rather than acting twice. Exit status 0 when every call answered as
expected; 1 with the problem (RFC 9457, both languages) printed otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

VIETNAM = timezone(timedelta(hours=7))
ROLES = ("clerk", "specialist", "leader", "partner")


class ApiError(Exception):
    def __init__(self, method: str, url: str, status: int, body: Any) -> None:
        self.status, self.body = status, body
        if isinstance(body, dict) and "code" in body:
            messages = body.get("messages", {})
            text = f"{body['code']}: {messages.get('vi', '')} / {messages.get('en', '')}"
            for error in body.get("errors") or []:
                text += f"\n    at {'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
        else:
            text = str(body)[:500]
        super().__init__(f"{method} {url} -> {status}\n  {text}")


class Client:
    """One member of staff calling the API with their personal token."""

    def __init__(self, base_url: str, token: str, *, language: str, name: str) -> None:
        self.base, self.token, self.language, self.name = base_url.rstrip("/") + "/api/v1", token, language, name

    def request(self, method: str, path: str, body: Any = None, *, params: dict | None = None) -> Any:
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        headers = {"Accept": "application/json", "Accept-Language": self.language}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if method == "POST":
            headers["Content-Type"] = "application/json"
            headers["Idempotency-Key"] = str(uuid.uuid4())
            data = json.dumps(body if body is not None else {}).encode()
        for attempt in (1, 2):
            request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - URL given by the user
                    return json.loads(response.read() or b"null")
            except urllib.error.HTTPError as error:
                raw = error.read()
                try:
                    problem = json.loads(raw)
                except ValueError:
                    problem = raw.decode(errors="replace")
                raise ApiError(method, url, error.code, problem) from None
            except (urllib.error.URLError, TimeoutError) as error:
                if attempt == 2 or method != "POST":
                    raise
                # The same Idempotency-Key: if the first attempt was done, its response comes back.
                print(f"  ({self.name}: {error}; retrying with the same Idempotency-Key)")
        raise AssertionError("unreachable")

    def get(self, path: str, **params: Any) -> Any:
        return self.request("GET", path, params=params or None)

    def act(self, code: str, action: str, body: dict | None = None) -> dict:
        dossier = self.request("POST", f"/dossiers/{urllib.parse.quote(code)}/actions/{action}", body)
        print(f"  {self.name:<10} {action:<24} -> {dossier['status']}")
        return dossier


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("MOTCUA_BASE_URL", "http://127.0.0.1:8000"))
    for role in ROLES:
        parser.add_argument(
            f"--{role}-token",
            default=os.environ.get(f"MOTCUA_{role.upper()}_TOKEN", ""),
            help=f"API token of the {role} (default: $MOTCUA_{role.upper()}_TOKEN)",
        )
    parser.add_argument("--procedure", default="1.004884", help="national code of a published procedure")
    parser.add_argument("--receiving-point", default="VNP.42.18073")
    parser.add_argument("--lead-agency", default="H30.X01")
    parser.add_argument("--partner-agency", default="H30.X02", help="agency of the steps at another agency")
    parser.add_argument("--language", default="vi", choices=("vi", "en"))
    parser.add_argument("--skip-late", action="store_true", help="do not extend a late dossier")
    return parser.parse_args(argv)


def _check(staff: dict[str, Client], args: argparse.Namespace) -> dict:
    """Before acting: every token works, and a procedure with a step at another agency has a partner. Returns the
    procedure (public catalogue)."""
    for client in staff.values():
        if client.token:
            me = client.get("/me")
            roles = ", ".join(r["role"] for r in me["roles"]) or "no role"
            print(f"  {client.name:<10} is {me['username']} ({roles})")
    procedure = staff["clerk"].get(f"/procedures/{args.procedure}")
    if any(step["at_other_agency"] for step in procedure["steps"]) and not staff["partner"].token:
        raise SystemExit(
            f"{args.procedure} has a step at another agency: give --partner-token (in the demo, the admin's), "
            "or choose a single-agency procedure such as --procedure 1.004873"
        )
    return procedure


def _receive(clerk: Client, args: argparse.Namespace, procedure: dict) -> dict:
    components = [{"order": c["order"]} for c in procedure["components"] if c["mandatory"]]
    body = {
        "procedure": args.procedure,
        "receiving_point": args.receiving_point,
        "lead_agency": args.lead_agency,
        "channel": "counter",
        "applicant": {
            "kind": "citizen",
            "name": "Trần Thị Minh Anh",
            "id_number": "042" + "".join(random.choices("0123456789", k=9)),  # noqa: S311 - demo data
            "birth_date": "1992-03-14",
            "phone": "0912000111",
            "address": "25 Nguyễn Du, Phường Thành Sen, Hà Tĩnh",
        },
        "components": components,
        "return_method": "counter",
        "fees_paid": procedure["fee_total"],
    }
    dossier = clerk.request("POST", "/dossiers", body)
    print(f"  {clerk.name:<10} {'receive':<24} -> {dossier['status']}   {dossier['code']}")
    print(f"  procedure {args.procedure} v{dossier['procedure']['version']}: {dossier['procedure']['name']}")
    print(f"  received {dossier['received_at']}, appointment {dossier['appointment_at']}")
    return dossier


def _process(staff: dict[str, Client], dossier: dict, args: argparse.Namespace) -> dict:
    """Complete every step in progress with whoever holds it, one supplement round included, then approve."""
    code, clerk = dossier["code"], staff["clerk"]
    at_other_agency = any(s["agency"] is None for s in dossier["steps"])
    supplemented = False
    for _ in range(20):  # a process has a handful of steps; this only bounds a misbehaving server
        active = [s for s in dossier["steps"] if s["status"] == "active"]
        if not active or any(s["role"] == "agency_leader" for s in active):
            break
        step = active[0]
        holder = staff["specialist"] if step["agency"] == args.lead_agency else staff["partner"]
        if not supplemented and (holder is staff["partner"] or not at_other_agency):
            holder.act(code, "request_supplement", {"items": ["Bản sao sổ hộ tịch"], "reason": "Thiếu giấy tờ"})
            dossier = clerk.act(code, "receive_supplement", {"note": "Người dân đã bổ sung"})
            print(f"  appointment after the pause: {dossier['appointment_at']}")
            supplemented = True
        upcoming = [s for s in dossier["steps"] if s["status"] == "pending" and s["agency"] is None]
        body: dict[str, Any] = {"note": f"Xong bước {step['order']}: {step['name']}"}
        if holder is staff["specialist"] and upcoming:
            body["next_agency"] = args.partner_agency
        holder.act(code, "complete_step", body)
        dossier = clerk.get(f"/dossiers/{code}")
    staff["leader"].act(code, "approve", {"note": "Đồng ý cấp"})
    staff["specialist"].act(code, "send_result_to_counter")
    return clerk.act(code, "return_result", {"note": "Người dân đã nhận kết quả"})


def _print_history(clerk: Client, code: str) -> None:
    print(f"\nHistory of {code}:")
    for event in clerk.get(f"/dossiers/{code}/history"):
        moved = f"{event['from_status'] or '-'} -> {event['to_status']}"
        print(
            f"  {event['seq']:>2}  {event['at']}  {event['actor'] or '-':<11} {event['action']:<24} {moved:<40} "
            f"{event['agency'] or '':<9} {event['note']}"
        )


def _extend_a_late_dossier(staff: dict[str, Client], args: argparse.Namespace, procedure: dict) -> None:
    leader = staff["leader"]
    print("\nA late dossier gets its apology and new appointment:")
    candidates = leader.get("/dossiers", due="overdue", limit=100)["results"]
    late = None
    for summary in candidates:
        dossier = leader.get(f"/dossiers/{summary['code']}")
        if not dossier["extension_reason"] and any(a["action"] == "extend" for a in dossier["allowed_actions"]):
            late = dossier
            break
    if late is None:
        print("  no overdue dossier left to extend: receiving a fresh one to show the action")
        late = _receive(staff["clerk"], args, procedure)
        staff["clerk"].act(late["code"], "transfer")
        late = leader.get(f"/dossiers/{late['code']}")
    print(f"  {late['code']}: due {late['due']}, needs apology: {late['needs_apology']}")
    print(f"  appointment {late['appointment_at']}")
    base = max(datetime.now(VIETNAM), datetime.fromisoformat(late["appointment_at"]))
    new = (base + timedelta(days=3)).replace(hour=16, minute=0, second=0, microsecond=0)
    while new.weekday() >= 5:  # a weekday; the server moves it past holidays to its next working instant
        new += timedelta(days=1)
    body = {"new_appointment": new.isoformat(), "reason": "Cần xác minh thêm tại cơ quan liên quan; xin lỗi ông/bà."}
    extended = leader.act(late["code"], "extend", body)
    print(f"  new appointment {extended['appointment_at']} (first: {extended['original_appointment_at']})")
    print(f"  reason: {extended['extension_reason']}")
    print(f"  due now: {extended['due']}, needs apology: {extended['needs_apology']}")


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    missing = [role for role in ROLES[:3] if not getattr(args, f"{role}_token")]
    if missing:
        print(f"missing token(s) for {', '.join(missing)}: see --help", file=sys.stderr)
        return 2
    staff = {
        role: Client(args.base_url, getattr(args, f"{role}_token"), language=args.language, name=role) for role in ROLES
    }
    try:
        print(f"Walkthrough against {args.base_url}:")
        procedure = _check(staff, args)
        dossier = _receive(staff["clerk"], args, procedure)
        code = dossier["code"]
        dossier = staff["clerk"].act(code, "transfer")
        dossier = _process(staff, dossier, args)
        _print_history(staff["clerk"], code)
        print(
            f"\nVerdict: {dossier['completion']} (processing ended {dossier['processed_at']}, "
            f"appointment {dossier['appointment_at']}); status {dossier['status']} "
            f"(national code {dossier['national_status_code']})"
        )
        if not args.skip_late:
            _extend_a_late_dossier(staff, args, procedure)
    except ApiError as error:
        print(f"\nFAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
