"""Issue 10, item 11: rules live in the domain, and each shared piece has one home.

Who may digitize is the documents service's rule, the obligation amount the obligation service's; role
groups, the ID-number pattern, the local day, htmx detection and the default parcel weight are each
defined once, and every user of them agrees."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from motcua.agencies import roles
from motcua.agencies.models.staff import AGENCY_SCOPED_ROLES, POINT_ROLES
from motcua.core.errors import ApplicationError
from motcua.core.htmx import is_htmx
from motcua.core.identity import ID_NUMBER, ID_NUMBER_PATTERN, is_id_number
from motcua.core.localtime import LOCAL_TIME_ZONE, local_date, local_day_bounds
from motcua.core.parcels import DEFAULT_PARCEL_WEIGHT_GRAMS
from motcua.desk.counter_forms import ID_NUMBER as FORM_ID_NUMBER
from motcua.documents.models import DigitizationJob
from motcua.documents.services import digitization_job_create
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import transitions as t
from motcua.postal.models import PostalOrder
from tests.desk.test_counter import sign_in
from tests.documents.pipeline_samples import save_pdf
from tests.dossiers import conftest as dossier_world
from tests.dossiers.transitions_support import reach

world = dossier_world.world  # the dossier tests' small world, as a fixture here
SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"


# --- who may digitize: the documents service decides -----------------------------------------------------------


@pytest.mark.django_db
def test_digitizing_service_refuses_a_user_who_is_not_counter_staff(world, tmp_path):
    """GIVEN an agency specialist who can see the dossier WHEN any interface asks the documents service to
    digitize its papers THEN the service itself refuses (403), and no job is made."""
    dossier = world.receive()
    with pytest.raises(ApplicationError) as refused:
        digitization_job_create(
            files=[save_pdf(tmp_path / "scan.pdf")],
            owner_id_number=dossier.applicant_id_number,
            kind="Tờ khai",
            title="Tờ khai",
            actor=world.specialist,
            dossier=dossier,
            enqueue=False,
        )
    assert refused.value.code == "document_digitizing_forbidden"
    assert refused.value.status == 403
    assert not DigitizationJob.objects.exists()


@pytest.mark.django_db
def test_digitizing_service_accepts_counter_staff_and_the_machine(world, tmp_path):
    dossier = world.receive()
    for actor in (world.clerk, None):
        job = digitization_job_create(
            files=[save_pdf(tmp_path / "scan.pdf")],
            owner_id_number=dossier.applicant_id_number,
            kind="Tờ khai",
            title="Tờ khai",
            actor=actor,
            dossier=dossier,
            enqueue=False,
        )
        assert job.pk is not None
    assert DigitizationJob.objects.count() == 2


# --- the obligation amount: its service checks it -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [0, -5, None, "120000", True, 2**63])
def test_obligation_service_refuses_an_amount_that_is_not_a_positive_whole_number(world, amount):
    """WHEN any interface asks for an obligation of ``amount`` THEN the service refuses it (field ``amount``),
    and the dossier stays in process with its clock running."""
    dossier = reach(world, Status.IN_PROCESS)
    with pytest.raises(ApplicationError) as refused:
        t.dossier_request_obligation(dossier=dossier, actor=world.specialist, amount=amount, description="Lệ phí")
    assert refused.value.code == "dossier_obligation_amount_invalid"
    assert refused.value.field == "amount"
    assert Dossier.objects.get(pk=dossier.pk).status == Status.IN_PROCESS


@pytest.mark.django_db
def test_obligation_service_keeps_a_valid_amount(world):
    dossier = reach(world, Status.IN_PROCESS)
    dossier = t.dossier_request_obligation(dossier=dossier, actor=world.specialist, amount=120000, description="Phí")
    assert dossier.status == Status.OBLIGATION_REQUESTED
    assert dossier.events.order_by("-seq").first().payload["amount"] == 120000


# --- role groups: one meaning per name ------------------------------------------------------------------------


def _assigned_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def test_each_role_group_is_defined_in_one_module_only():
    """A role group (a module-level ``*_ROLES``) is assigned in one module; others import it. (Two different
    ``AGENCY_ROLES`` once meant "acts for an agency" in one module and "opens the agency inbox" in another.)"""
    homes: dict[str, list[str]] = {}
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for name in _assigned_names(ast.parse(path.read_text(encoding="utf-8"))):
            if name.endswith("_ROLES"):
                homes.setdefault(name, []).append(str(path.relative_to(SRC)))
    assert {name: where for name, where in homes.items() if len(where) > 1} == {}
    assert "AGENCY_ROLES" not in homes


def test_role_groups_say_what_they_mean():
    # The kind of scope: an agency specialist, leader and one-stop supervisor act for an agency.
    assert set(AGENCY_SCOPED_ROLES).isdisjoint(POINT_ROLES)
    # The agency inbox is opened by the agency's processing staff (and the administrator), not the supervisor.
    assert roles.Role.ONE_STOP_SUPERVISOR not in roles.AGENCY_INBOX_ROLES
    assert roles.Role.ADMINISTRATOR in roles.AGENCY_INBOX_ROLES
    assert roles.DIGITIZING_ROLES == roles.COUNTER_ROLES


# --- the ID number: one pattern, every user agrees --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "valid"),
    [("042098001234", True), ("0101234567", True), ("0101234567001", True), ("12345678901", False), ("", False)],
)
def test_forms_and_services_agree_on_the_id_number(value, valid):
    from django.core.exceptions import ValidationError

    assert is_id_number(value) is valid
    assert bool(ID_NUMBER.match(value)) is valid
    try:
        FORM_ID_NUMBER(value)
        form_valid = True
    except ValidationError:
        form_valid = False
    assert form_valid is valid


def test_database_constraints_use_the_one_id_number_pattern():
    from motcua.documents.models import Document

    for model, field in ((Dossier, "applicant_id_number"), (Document, "owner_id_number")):
        conditions = [str(c.condition) for c in model._meta.constraints if field in str(getattr(c, "condition", ""))]
        assert conditions and all(ID_NUMBER_PATTERN in condition for condition in conditions)


def test_no_module_writes_the_id_number_pattern_itself():
    written = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "identity.py"
        and re.search(r"\[0-9\]\{12\}\|\[0-9\]\{1[03]\}|\[0-9\]\{10\}\|\[0-9\]\{12\}", path.read_text("utf-8"))
    ]
    assert written == []


# --- the local day and the time zone ----------------------------------------------------------------------------


@override_settings(TIME_ZONE="UTC")
def test_the_local_day_is_vietnams_whatever_the_server_time_zone():
    """At 23:30 UTC it is already the next morning in Vietnam: "today" is that next day, for every user of it."""
    late = dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC)
    assert local_date(late) == dt.date(2026, 11, 26)
    start, end = local_day_bounds(dt.date(2026, 11, 26))
    assert start.tzinfo is LOCAL_TIME_ZONE and start <= late < end


def test_no_module_names_the_time_zone_itself():
    named = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "localtime.py" and 'Asia/Ho_Chi_Minh"' in path.read_text("utf-8")
    ]
    assert named == []


# --- htmx detection ---------------------------------------------------------------------------------------------


def test_htmx_detection_is_one_rule():
    factory = RequestFactory()
    assert is_htmx(factory.get("/", HTTP_HX_REQUEST="true"))
    assert not is_htmx(factory.get("/"))
    assert not is_htmx(factory.get("/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"))
    assert is_htmx(factory.get("/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="list"), target="list")
    assert not is_htmx(factory.get("/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="other"), target="list")
    assert not is_htmx(factory.get("/", HTTP_HX_REQUEST="false"))


@pytest.mark.django_db
def test_documents_search_restored_from_history_is_a_whole_page(client, world):
    """WHEN the browser goes back to the documents search and htmx asks to restore it THEN the page comes
    whole (the documents pages once answered a fragment there: a page without menu or styles)."""
    sign_in(client, world.clerk)
    page = client.get(
        reverse("desk:documents"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    ).content.decode()
    assert "<html" in page
    fragment = client.get(reverse("desk:documents"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment


def test_no_module_reads_the_htmx_header_itself():
    reading = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "htmx.py" and re.search(r"headers\.get\(\s*\"HX-Request\"", path.read_text("utf-8"))
    ]
    assert reading == []


# --- the default parcel weight ----------------------------------------------------------------------------------


def test_the_default_parcel_weight_is_the_orders_default():
    assert PostalOrder._meta.get_field("weight_grams").get_default() == DEFAULT_PARCEL_WEIGHT_GRAMS
    users = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if 'get_field("weight_grams").get_default()' in path.read_text("utf-8")
    ]
    assert users == []
