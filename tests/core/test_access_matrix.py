"""Need to know, as a table: each demo user tries each object through the desk and the API, and gets exactly the
status ``motcua.agencies.need_to_know`` (printed in docs/access.md) says."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ReceivingPoint
from motcua.agencies.need_to_know import (
    FIELD_ROWS,
    FIELDS,
    PROBES,
    need_to_know_cells,
    need_to_know_fields_markdown,
    need_to_know_markdown,
)
from motcua.documents.models import DocumentUse, UseKind
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.privacy import HIDDEN
from tests.documents.scans import make_document

DOCS = Path(__file__).resolve().parents[2] / "docs" / "access.md"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo (``load_demo``) once for the module, with a scan, a result and a data-store document on one of
    its dossiers and a dossier moved to Đồng Tháp; all rolled back at the end of the module."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(DEBUG=True, MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield SimpleNamespace(**vars(_world()), media=str(media))
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _world() -> SimpleNamespace:
    own = Dossier.objects.filter(status=Status.IN_PROCESS, receiving_point__code="VNP.42.18073").order_by("pk")[0]
    paper = own.components.order_by("pk")[0]
    paper.file.save("scan.pdf", ContentFile(b"%PDF-1.4 scan"), save=True)
    own.result_file.save("result.pdf", ContentFile(b"%PDF-1.4 result"), save=True)
    clerk = User.objects.get(username="clerk")
    document = make_document(owner=own.applicant_id_number, receiving_point=own.receiving_point, created_by=clerk)
    DocumentUse.objects.create(document=document, dossier=own, component=paper, kind=UseKind.DIGITIZED)

    # A dossier of the Đồng Tháp post office, led by a Đồng Tháp commune: no Hà Tĩnh role has work on it.
    elsewhere = Dossier.objects.filter(status=Status.RECEIVED).exclude(pk=own.pk).order_by("pk")[0]
    point, lead = ReceivingPoint.objects.get(code="VNP.82.29869"), Agency.objects.get(code="H21.X01")
    Dossier.objects.filter(pk=elsewhere.pk).update(receiving_point=point, lead_agency=lead, issuing_agency=lead)
    DossierStep.objects.filter(dossier=elsewhere).update(agency=lead)
    other_document = make_document(owner=elsewhere.applicant_id_number, receiving_point=point)
    DocumentUse.objects.create(document=other_document, dossier=elsewhere, kind=UseKind.DIGITIZED)
    return SimpleNamespace(
        own=own.code,
        elsewhere=elsewhere.code,
        paper=paper.pk,
        document=document.uid,
        other_document=other_document.uid,
    )


@pytest.mark.parametrize(
    ("username", "probe", "expected"),
    [pytest.param(u, p, s, id=f"{u}-{p.key}") for u, p, s in need_to_know_cells()],
)
def test_each_role_reads_what_its_work_needs_and_nothing_more(demo, db, client, settings, username, probe, expected):
    settings.MEDIA_ROOT = demo.media
    client.force_login(User.objects.get(username=username))
    url = probe.url.format(**vars(demo))

    response = client.get(url)

    assert response.status_code == expected, f"{username} {probe.door} {url}: {response.status_code}"


def test_every_probe_is_in_the_table():
    assert len({probe.key for probe in PROBES}) == len(PROBES)


def test_docs_print_the_table():
    assert need_to_know_markdown() in DOCS.read_text(encoding="utf-8"), (
        "docs/access.md is stale: paste motcua.agencies.need_to_know.need_to_know_markdown() into it"
    )


@pytest.mark.parametrize(("username", "seen"), FIELD_ROWS)
def test_each_reader_gets_the_applicants_fields_its_work_needs(demo, db, client, username, seen):
    """The record through the API and the desk page: whole for who acts on the dossier, cut for an overseer."""
    client.force_login(User.objects.get(username=username))
    dossier = Dossier.objects.get(code=demo.own)
    record = client.get(f"/api/v1/dossiers/{demo.own}").json()
    page = client.get(f"/ho-so/{demo.own}/").content.decode()

    for field in FIELDS:
        group, name = field.split(".")
        stored, given = getattr(dossier, f"applicant_{name}"), record[group][name]
        assert stored, f"the demo dossier has no {field}: the test would prove nothing"
        if seen == "whole":
            assert given == stored, (username, field)
        else:
            assert given != stored and given.startswith(HIDDEN), (username, field, given)
            assert stored not in page, (username, field)
            if name in ("id_number", "phone"):
                assert given == HIDDEN + stored[-3:]
    if seen == "whole":
        assert dossier.applicant_phone in page


def test_docs_print_the_field_table():
    assert need_to_know_fields_markdown() in DOCS.read_text(encoding="utf-8"), (
        "docs/access.md is stale: paste motcua.agencies.need_to_know.need_to_know_fields_markdown() into it"
    )
