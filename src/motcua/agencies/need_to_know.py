"""Need to know, as data: what each role reads, object by object, through the desk and the API.

One table serves three readers: ``docs/access.md`` prints it (``need_to_know_markdown``, and the field table
``need_to_know_fields_markdown``; a test fails when the
page is stale), ``tests/core/test_access_matrix.py`` signs in as each demo user and asserts every cell's HTTP
status, and a reviewer reads it here. "Own" is a dossier of the demo's Hà Tĩnh post office (led by the
Thành Sen commune and processed there); "elsewhere" is one of the Đồng Tháp post office. The rules behind the
cells are in docs/access.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Role


@dataclass(frozen=True)
class Probe:
    key: str
    object: str
    door: str  # "desk" or "api"
    url: str  # with {own}, {elsewhere}, {paper}, {document}, {other_document}
    reads: str


PROBES = (
    Probe("dossier", "dossier (own)", "desk", "/ho-so/{own}/", "applicant, papers listed, history, actions"),
    Probe("dossier_elsewhere", "dossier (elsewhere)", "desk", "/ho-so/{elsewhere}/", "the same, another province"),
    Probe("scan", "scan of a paper (own)", "desk", "/ho-so/{own}/tep/{paper}/", "the scanned paper's file"),
    Probe("result", "result (own)", "desk", "/ho-so/{own}/ket-qua/", "the signed result's file"),
    Probe("document", "data-store document (own)", "desk", "/tai-lieu/{document}/", "text, pages, signature"),
    Probe("document_elsewhere", "data-store document (elsewhere)", "desk", "/tai-lieu/{other_document}/", "idem"),
    Probe("search", "document search", "desk", "/tai-lieu/", "search across the scope"),
    Probe("postal", "postal orders", "desk", "/buu-chinh/", "pickups and deliveries of the point"),
    Probe("reconciliation", "reconciliation", "desk", "/buu-chinh/doi-soat/", "fees collected and handed over"),
    Probe("audit", "audit log", "desk", "/admin/audit/auditevent/", "who did what, everywhere"),
    Probe("admin", "administration", "desk", "/admin/", "catalogue, agencies, users"),
    Probe("api_dossier", "dossier (own)", "api", "/api/v1/dossiers/{own}", "as on the desk"),
    Probe("api_dossier_elsewhere", "dossier (elsewhere)", "api", "/api/v1/dossiers/{elsewhere}", "idem"),
    Probe("api_document", "data-store document (own)", "api", "/api/v1/documents/{document}", "data and uses"),
    Probe("api_signature", "signature of a document (own)", "api", "/api/v1/documents/{document}/verification", ""),
    Probe("api_file", "document's signed PDF (own)", "api", "/api/v1/documents/{document}/file", ""),
    Probe("slip", "receipt, slip 01 (own)", "desk", "/ho-so/{own}/phieu/01.pdf", "the applicant's identity, printed"),
    Probe("api_slip", "receipt, slip 01 (own)", "api", "/api/v1/dossiers/{own}/slips/01.pdf", "idem"),
)

# The demo users, one per role (two clerks: one at the own post office, one elsewhere), and the status each
# probe answers them, in the order of PROBES. 302 is the admin's own sign-in page for a non-staff user.
ROWS: tuple[tuple[str, Role, tuple[int, ...]], ...] = (
    (
        "clerk",
        Role.POSTAL_CLERK,
        (200, 404, 200, 200, 200, 404, 200, 200, 200, 302, 302, 200, 404, 200, 200, 200, 200, 200),
    ),
    (
        "clerk2",
        Role.POSTAL_CLERK,
        (404, 200, 404, 404, 404, 200, 200, 200, 200, 302, 302, 404, 200, 404, 404, 404, 404, 404),
    ),
    (
        "supervisor",
        Role.POSTAL_SUPERVISOR,
        (200, 404, 200, 200, 200, 404, 200, 200, 200, 302, 302, 200, 404, 200, 200, 200, 200, 200),
    ),
    (
        "postman",
        Role.POSTMAN,
        (404, 404, 404, 404, 404, 404, 403, 403, 403, 302, 302, 404, 404, 404, 404, 404, 404, 404),
    ),
    (
        "specialist",
        Role.AGENCY_SPECIALIST,
        (200, 404, 200, 200, 200, 404, 200, 403, 403, 302, 302, 200, 404, 200, 200, 200, 200, 200),
    ),
    (
        "leader",
        Role.AGENCY_LEADER,
        (200, 404, 200, 200, 200, 404, 200, 403, 403, 302, 302, 200, 404, 200, 200, 200, 200, 200),
    ),
    (
        "onestop",
        Role.ONE_STOP_SUPERVISOR,
        (200, 404, 403, 403, 404, 404, 200, 403, 403, 302, 302, 200, 404, 404, 404, 404, 403, 403),
    ),
    (
        "planner",
        Role.PLANNER,
        (403, 403, 403, 403, 403, 403, 403, 403, 403, 302, 302, 404, 404, 404, 404, 404, 403, 404),
    ),
    (
        "trainer",
        Role.TRAINER,
        (403, 403, 403, 403, 403, 403, 403, 403, 403, 302, 302, 404, 404, 404, 404, 404, 403, 404),
    ),
    (
        "admin",
        Role.ADMINISTRATOR,
        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ),
)

MEANING = {200: "reads", 302: "sent to sign in", 403: "refused", 404: "as if absent"}

# Fields: what each reader of the own dossier's record (``/api/v1/dossiers/{own}``) gets of the applicant, "whole" or
# "cut" (numbers to their last three digits, the rest withheld: motcua.dossiers.privacy). The desk page shows the
# same card.
FIELDS = ("applicant.id_number", "applicant.phone", "applicant.address")
FIELD_ROWS: tuple[tuple[str, str], ...] = (
    ("clerk", "whole"),
    ("supervisor", "whole"),
    ("specialist", "whole"),
    ("leader", "whole"),
    ("onestop", "cut"),
    ("admin", "whole"),
)


def need_to_know_cells() -> list[tuple[str, Probe, int]]:
    """Every cell of the table: (demo username, probe, expected status)."""
    assert all(len(statuses) == len(PROBES) for _, _, statuses in ROWS)
    return [
        (username, probe, status)
        for username, _, statuses in ROWS
        for probe, status in zip(PROBES, statuses, strict=True)
    ]


def need_to_know_markdown() -> str:
    """The table as docs/access.md prints it: one row per probe, one column per demo user."""
    users = [f"{username} ({role.value})" for username, role, _ in ROWS]
    lines = [
        "| door | object | URL | " + " | ".join(users) + " |",
        "|---|---|---|" + "---|" * len(users),
    ]
    for index, probe in enumerate(PROBES):
        cells = " | ".join(str(statuses[index]) for _, _, statuses in ROWS)
        lines.append(f"| {probe.door} | {probe.object} | `{probe.url}` | {cells} |")
    return "\n".join(lines) + "\n"


def need_to_know_fields_markdown() -> str:
    """The field table as docs/access.md prints it: one row per reader of the own dossier."""
    lines = ["| reader | " + " | ".join(f"`{field}`" for field in FIELDS) + " |", "|---|" + "---|" * len(FIELDS)]
    lines += [f"| {username} | " + " | ".join(seen for _ in FIELDS) + " |" for username, seen in FIELD_ROWS]
    return "\n".join(lines) + "\n"
