"""What a paper received through the API says about the data store is checked, not stored as given: a
``document_ref`` is a document of the applicant the caller may see, ``reused`` needs one, ``digitized`` a stored
scan; what is accepted is linked like the desk links it."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.documents.models import DocumentOrigin, DocumentUse, UseKind
from motcua.dossiers.models import Dossier
from tests.api.support import assert_problem
from tests.api.test_dossiers_support import (  # noqa: F401 - fixtures
    DOSSIERS,
    dossier_world,
    received,
    reception_body,
    staff_fixture,
    world_fixture,
)
from tests.documents.pipeline_samples import media  # noqa: F401 - fixture
from tests.documents.scans import make_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

APPLICANT = "042098001234"


def _refused(staff, world, paper: dict, *, at: str, kind: str) -> None:
    before = Dossier.objects.count()
    response = staff.clerk.post(DOSSIERS, reception_body(world, components=[{"order": 1, **paper}]))
    body = assert_problem(response, status=422, code="validation_failed")
    assert [(e["loc"], e["type"]) for e in body["errors"]] == [(["body", "payload", "components", 0, at], kind)]
    assert Dossier.objects.count() == before  # nothing received


def test_a_reference_that_names_no_stored_document_is_refused(staff, world):
    _refused(staff, world, {"document_ref": "kho:123"}, at="document_ref", kind="unknown_document")
    _refused(
        staff,
        world,
        {"document_ref": "6b0e3f1c-2a4d-4e8f-9c1a-7d5e3b2a1f00"},
        at="document_ref",
        kind="unknown_document",
    )


def test_a_document_of_someone_else_is_refused(staff, world):
    other = make_document(owner="001203004567", receiving_point=world.office)
    _refused(staff, world, {"document_ref": str(other.uid), "reused": True}, at="document_ref", kind="unknown_document")


def test_a_document_outside_the_callers_scope_is_refused_like_an_absent_one(staff, world):
    """Stored at another post office and used by no dossier the clerk sees: the clerk cannot name it."""
    elsewhere = make_document(receiving_point=world.other_office)
    _refused(
        staff, world, {"document_ref": str(elsewhere.uid), "reused": True}, at="document_ref", kind="unknown_document"
    )


def test_reused_without_a_reference_is_refused(staff, world):
    _refused(staff, world, {"reused": True}, at="reused", kind="reused_without_document")


def test_digitized_without_a_stored_scan_is_refused(staff, world):
    _refused(staff, world, {"digitized": True}, at="digitized", kind="digitized_without_scan")
    result = make_document(receiving_point=world.office, origin=DocumentOrigin.RESULT)
    _refused(
        staff,
        world,
        {"document_ref": str(result.uid), "digitized": True},
        at="digitized",
        kind="digitized_without_scan",
    )


def test_a_reused_document_of_the_applicant_is_linked_as_reused(staff, world):
    stored = make_document(receiving_point=world.office, kind="Tờ khai")
    body = received(staff, world, components=[{"order": 1, "document_ref": str(stored.uid).upper(), "reused": True}])
    (paper,) = body["components"]
    assert (paper["document_ref"], paper["reused"], paper["digitized"]) == (str(stored.uid), True, False)
    use = DocumentUse.objects.get(document=stored)
    assert (use.dossier.code, use.kind) == (body["code"], UseKind.REUSED)


def test_a_stored_scan_of_the_paper_is_linked_as_digitized(staff, world):
    scan = make_document(receiving_point=world.office, kind="Tờ khai")
    body = received(staff, world, components=[{"order": 1, "document_ref": str(scan.uid), "digitized": True}])
    (paper,) = body["components"]
    assert (paper["document_ref"], paper["reused"], paper["digitized"]) == (str(scan.uid), False, True)
    assert DocumentUse.objects.get(document=scan).kind == UseKind.DIGITIZED


def test_an_expired_document_is_not_reused_and_nothing_is_received(staff, world):
    expired = make_document(receiving_point=world.office, valid_until=dt.date(2020, 1, 1))
    before = Dossier.objects.count()
    response = staff.clerk.post(
        DOSSIERS, reception_body(world, components=[{"order": 1, "document_ref": str(expired.uid), "reused": True}])
    )
    assert_problem(response, status=400, code="document_expired")
    assert Dossier.objects.count() == before  # the reception rolled back with the refused reuse
