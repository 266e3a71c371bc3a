"""Benchmark: the citizen's side (My dossiers, online acceptance, sign-in) as ratios to baselines (issue 14).

Creates a throwaway database (``motcua_bench_citizen`` by default) on the server of ``DATABASE_URL`` with
intake.py's harness, migrates it, builds desk_support.py's world with ``--count`` dossiers of other people (a
share through the real services, the rest bulk copies), gives ``--mine`` of the service-made ones (one with ten
events among them) to one citizen, then times, against a baseline measured in the same process (medians; app and
baseline alternate):

1. My dossiers (``GET /cong-dan/``) signed in as that citizen, against a bare Django view behind the same
   middleware (``/bench-bare/``, routed only here: it reads ``request.user`` and answers two bytes), and against
   its own reads (the SELECT statements one page view makes, replayed alone through psycopg);
2. a dossier page of My dossiers (``GET /cong-dan/ho-so/<code>/``, the dossier with ten events) the same way;
3. accepting an online submission (``submission_accept``: five uploaded scans, the applicant's e-form, the
   reception service, the receipt notification queued) against a counter reception (``dossier_receive`` with the
   same procedure, as intake.py does): the overhead of the online path;
4. the local identity provider's sign-in round trip (authorize, the provider's form, code, token, ID token
   verified, userinfo, account: seven Django requests, the back channel through a ``requests`` adapter answering
   from a second test client) against the bare view; and the password check alone with Django's default hasher
   (the test settings hash with MD5, so the round trip above leaves that cost out);

prints a table (figure, value, baseline, ratio), what limits each (desk.py's report: queries, EXPLAIN of the
costliest, cProfile by area), and drops the database (also on error). Notifications and the dossiers' outbox
messages are written but not sent (a worker sends them in production); uploaded files go to the test settings'
throwaway media folder, removed at the end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua .venv/bin/python bench/citizen.py [--count N]
"""

# ruff: noqa: E402 - the project's imports follow the path set-up below
from __future__ import annotations

import argparse
import logging
import re
import shutil
import sys
import tempfile
import time
import types
import warnings
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent

import psycopg

from desk import (  # desk imports intake: src/ on sys.path, DJANGO_SETTINGS_MODULE set
    Figure,
    compare,
    limits,
    print_table,
)
from intake import on_throwaway_database

BARE = "/bench-bare/"
HOST = "localhost"
BASE_URL = f"http://{HOST}"
CITIZEN = "042195001111"  # the demo's Nguyễn Thị Hạnh; in this throwaway database only the bench's citizen
SIGNER = "042195009999"  # the identity that signs in through the local provider
PASSWORD = "bench-mat-khau-123"  # a throwaway identity of a throwaway database
APPLICANT_DATA = {
    "applicant_name": "Nguyễn Thị Hạnh",
    "applicant_birth_date": "1995-03-02",
    "applicant_phone": "0912345678",
    "applicant_email": "hanh@example.vn",
    "applicant_address": "12 Trần Phú",
    "applicant_commune": "18073",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=20000, help="dossiers in the table (of other people)")
    parser.add_argument(
        "--real", type=int, default=200, help="of those, how many go through the services (the rest copy them)"
    )
    parser.add_argument("--mine", type=int, default=20, help="of the service-made ones, how many are the citizen's")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each figure and of its baseline")
    parser.add_argument("--sample", type=int, default=5, help="runs profiled with cProfile for 'what limits it'")
    parser.add_argument(
        "--database", default="motcua_bench_citizen", help="throwaway database (dropped first and after)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def main() -> int:
    return on_throwaway_database(parse_args(), run)


def run(args: argparse.Namespace, bench_url: str) -> int:
    import django

    django.setup()
    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: collectstatic never ran
    logging.getLogger("motcua").setLevel(logging.WARNING)  # one line per outbox and national record otherwise
    logging.getLogger("kombu").setLevel(logging.ERROR)
    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per sign-in
    from django.conf import settings
    from django.test.utils import override_settings

    media = Path(settings.MEDIA_ROOT)
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, media, ignore_errors=True)  # the test settings' throwaway folder
        keys = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="motcua-bench-idp-")))
        stack.enter_context(
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                CITIZEN_OIDC_PROVIDER="local",
                CITIZEN_LOCAL_IDP_KEY_FILE=str(keys / "local-idp-key.pem"),
                PUBLIC_BASE_URL=BASE_URL,
                AUTHENTICATION_BACKENDS=[
                    *[b for b in settings.AUTHENTICATION_BACKENDS if not b.endswith("CitizenOIDCBackend")],
                    "motcua.citizens.oidc.CitizenOIDCBackend",
                ],
            )
        )
        _hold_notifications(stack)
        _route_bare_view(stack)
        return measure(args, bench_url)


def _hold_notifications(stack: ExitStack) -> None:
    """Notifications and the dossiers' outbox messages are written (rendered, stored as queued) but not sent at
    commit: a worker sends them in production, and the test settings would run its task eagerly inside the timed
    work (of a reception and of an acceptance alike)."""
    from motcua.dossiers import outbox
    from motcua.notifications import services

    for module, name in ((services, "_enqueue_due"), (outbox, "_enqueue_dispatch")):
        stack.callback(setattr, module, name, getattr(module, name))
        setattr(module, name, lambda: None)


def _route_bare_view(stack: ExitStack) -> None:
    from django.http import HttpRequest, HttpResponse
    from django.urls import clear_url_caches, path

    from motcua import urls

    def bare(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok" if request.user.is_authenticated else "-", content_type="text/plain")

    urls.urlpatterns.insert(0, path(BARE.strip("/") + "/", bare))
    clear_url_caches()
    stack.callback(clear_url_caches)
    stack.callback(urls.urlpatterns.pop, 0)


def measure(args: argparse.Namespace, bench_url: str) -> int:
    from django.core.management import call_command

    from desk_support import build_desk_world, history_dossier, populate
    from motcua.dossiers.models import Dossier, DossierEvent

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated {args.database} in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    world = build_desk_world()
    real = populate(world, count=args.count, real=args.real)
    detail = history_dossier(world)
    account = citizen(CITIZEN, "Nguyễn Thị Hạnh")
    # The citizen's dossiers: service-made ones spread over every state of desk_support.MIX, and the one with history.
    step = max(1, len(real) // max(1, args.mine - 1))
    mine = [d.pk for d in real[::step][: args.mine - 1]] + [detail.pk]
    Dossier.objects.filter(pk__in=mine).update(applicant_id_number=CITIZEN, applicant_name=account.full_name)
    others = Dossier.objects.exclude(applicant_id_number=CITIZEN).count()
    print(
        f"{others:,} dossiers of other people ({len(real)} through the services), {len(mine)} of the citizen's, "
        f"in {time.perf_counter() - started:.1f} s"
    )

    raw = psycopg.connect(bench_url.replace("postgres://", "postgresql://", 1), autocommit=True)
    try:
        client = signed_in(account.user)
        events = DossierEvent.objects.filter(dossier=detail).count()
        bare = bare_request(client)
        figures = [
            *page_figures("My dossiers GET /cong-dan/", client, "/cong-dan/", bare, raw, args),
            *page_figures(
                f"dossier page ({events} events)", client, f"/cong-dan/ho-so/{detail.code}/", bare, raw, args
            ),
            acceptance_figure(world, args),
            sign_in_figure(bare, args),
            password_figure(bare, args),
        ]
    finally:
        raw.close()
    print_table(
        figures,
        title=f"medians of {args.repeat} runs; {others:,} dossiers of other people, {len(mine)} of the citizen's",
    )
    return 0


# --- the world --------------------------------------------------------------------------------------------------


def citizen(number: str, full_name: str):
    from motcua.citizens.services import Identity, citizen_account_upsert

    return citizen_account_upsert(
        identity=Identity(
            issuer="https://idp.bench",
            subject=f"sub-{number}",
            owner_number=number,
            full_name=full_name,
            phone=APPLICANT_DATA["applicant_phone"],
            email=APPLICANT_DATA["applicant_email"],
        )
    )


def signed_in(user):
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    return client


def bare_request(client) -> Callable[[], Any]:
    def bare():
        response = client.get(BARE)
        assert response.status_code == 200 and response.content == b"ok", response
        return response

    return bare


# --- 1 and 2: the citizen's pages -------------------------------------------------------------------------------


def reads_of(work: Callable[[], Any]) -> list[str]:
    """The SELECT statements one run of ``work`` makes, with their parameters in (psycopg binds client-side)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        work()
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]


def page_figures(name: str, client, url: str, bare: Callable[[], Any], raw: psycopg.Connection, args) -> list[Figure]:
    def page():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    page()
    statements = reads_of(page)

    def reads():
        return [raw.execute(sql.encode()).fetchall() for sql in statements]  # type: ignore[call-overload]

    figure = Figure(name, "bare Django view, same middleware")
    figure.app, figure.base = compare(page, bare, args.repeat)
    figure.queries, figure.limits = limits(page, args.sample, repeat=args.repeat)
    own = Figure("  the same page against its reads", f"its {len(statements)} SELECTs replayed alone")
    own.app, own.base = compare(page, reads, args.repeat)
    own.queries = figure.queries
    return [figure, own]


# --- 3: accepting an online submission -------------------------------------------------------------------------


def submissions(world, count: int) -> list:
    """``count`` submitted online submissions of ``count`` citizens, each with the five papers uploaded, built
    through the filing services (untimed)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from motcua.procedures.models import ProcedureVersion
    from motcua.submissions.services import (
        submission_applicant_save,
        submission_paper_upload,
        submission_point_choose,
        submission_result_save,
        submission_start,
        submission_submit,
    )

    ProcedureVersion.objects.filter(pk=world.version.pk).update(online_submission="full")
    world.version.refresh_from_db()
    components = list(world.version.components.order_by("order"))
    pdf = _pdf()
    made = []
    for n in range(count):
        account = citizen(f"044095{n:06d}", f"Lê Thị {n}")  # born 1995, as APPLICANT_DATA says
        submission = submission_start(account=account, version=world.version, actor=account.user)
        submission = submission_point_choose(submission=submission, point_id=world.office.pk)
        submission = submission_applicant_save(
            submission=submission, data={**APPLICANT_DATA, "applicant_name": account.full_name}
        )
        for component in components:
            upload = SimpleUploadedFile(f"giay-to-{component.order}.pdf", pdf, content_type="application/pdf")
            submission_paper_upload(submission=submission, upload=upload, component_id=component.pk)
        submission = submission_result_save(submission=submission, return_method="counter")
        made.append(submission_submit(submission=submission, actor=account.user))
    return made


def _pdf() -> bytes:
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def acceptance_figure(world, args: argparse.Namespace) -> Figure:
    from desk_support import reception_direct
    from motcua.dossiers.services.receive import dossier_receive
    from motcua.submissions.services import submission_accept

    started = time.perf_counter()
    count = args.repeat + 3 + args.sample
    pending = iter(submissions(world, count))
    print(f"{count} online submissions with five scans each in {time.perf_counter() - started:.1f} s")
    serial = iter(range(900_000_000, 999_999_999))

    def accept():
        dossier = submission_accept(submission=next(pending), actor=world.clerk, lead_agency_id=world.committee.pk)
        assert dossier.channel == "online" and dossier.components.filter(digitized=True).count() == 5
        return dossier

    def counter():
        return dossier_receive(reception=reception_direct(world, next(serial)), actor=world.clerk)

    figure = Figure("accepting an online submission (5 scans)", "dossier_receive at the counter")
    figure.app, figure.base = compare(accept, counter, args.repeat)
    figure.queries, figure.limits = limits(accept, args.sample)
    return figure


# --- 4: signing in through the local identity provider ---------------------------------------------------------


def _back_channel():
    """A ``requests`` transport answering the relying party's back-channel calls (token, JWKS, userinfo) from a
    Django test client of its own, as tests/citizens/oidc_helpers.py does, on this bench's host."""
    import requests
    from django.test import Client
    from requests.adapters import BaseAdapter
    from requests.structures import CaseInsensitiveDict

    class Adapter(BaseAdapter):
        client = Client(HTTP_HOST=HOST)

        def send(self, request, **kwargs):
            url = urlsplit(request.url or "")
            headers = {k: v for k, v in request.headers.items() if k.lower() in {"authorization", "accept"}}
            body = request.body or b""
            answer = self.client.generic(
                request.method or "GET",
                url.path + (f"?{url.query}" if url.query else ""),
                data=body.encode() if isinstance(body, str) else body,
                content_type=request.headers.get("Content-Type", "application/octet-stream"),
                headers=headers,
            )
            response = requests.Response()
            response.status_code = answer.status_code
            response._content = answer.content
            response.headers = CaseInsensitiveDict(dict(answer.items()))
            response.url, response.request, response.encoding = request.url or "", request, "utf-8"
            return response

        def close(self):
            pass

    session = requests.Session()
    session.trust_env = False
    session.mount(BASE_URL, Adapter())
    return types.SimpleNamespace(get=session.get, post=session.post)


def sign_in_figure(bare: Callable[[], Any], args: argparse.Namespace) -> Figure:
    import mozilla_django_oidc.auth
    from django.test import Client

    from motcua.citizens.idp.models import LocalIdentity

    identity = LocalIdentity(number=SIGNER, full_name="Phạm Văn Cường")
    identity.set_password(PASSWORD)
    identity.save()
    mozilla_django_oidc.auth.requests = _back_channel()  # type: ignore[assignment]  # this process only

    def round_trip():
        browser = Client(HTTP_HOST=HOST)
        response = browser.get("/cong-dan/oidc/authenticate/", {"next": "/cong-dan/"})
        assert response.status_code == 302, response.status_code
        form = browser.get(response["Location"])
        found = re.search(rb'name="request" value="([^"]+)"', form.content)
        assert found, "the provider's sign-in form has no request id"
        response = browser.post(
            "/dinh-danh-thu/authorize", {"request": found.group(1).decode(), "number": SIGNER, "password": PASSWORD}
        )
        assert response.status_code == 302, response.content[:300]
        response = browser.get(response["Location"])  # the callback: token, ID token, userinfo, account
        assert response.status_code == 302 and response["Location"] == "/cong-dan/", response["Location"]
        return response

    figure = Figure("sign-in round trip, local provider", "bare Django view (1 request)")
    figure.app, figure.base = compare(round_trip, bare, args.repeat)
    figure.queries, figure.limits = limits(round_trip, args.sample)
    return figure


def password_figure(bare: Callable[[], Any], args: argparse.Namespace) -> Figure:
    from django.contrib.auth.hashers import check_password, get_hashers, make_password

    default = "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=[default]):
        hasher = get_hashers()[0]
        encoded = make_password(PASSWORD)
        figure = Figure(f"  password check, {hasher.algorithm} ({hasher.iterations:,})", "bare Django view (1 request)")
        figure.app, figure.base = compare(lambda: check_password(PASSWORD, encoded), bare, max(3, args.repeat // 4))
    return figure


if __name__ == "__main__":
    sys.exit(main())
