"""Two citizens with dossiers in the dossier world: A (the world's applicant, 042098001234) and B."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from motcua.documents.models import Document, DocumentOrigin
from motcua.dossiers.lifecycle import Action, Status
from motcua.dossiers.models import ApplicantKind, ReturnMethod
from motcua.dossiers.services.act import dossier_act
from motcua.dossiers.services.receive import Applicant
from motcua.postal.tariffs import tariffs_load_demo
from tests.dossiers.conftest import World, world  # noqa: F401 - the shared fixture
from tests.dossiers.transitions_support import advance_to_decision, perform, reach
from tests.factories import citizen_account
from tests.signed_results import _pki_dir, pki, signed_result  # noqa: F401 - fixtures

A_NUMBER, B_NUMBER = "042098001234", "042195001111"


def png(name: str = "giay-to.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def stored_document(owner: str, *, point=None, title: str = "Tờ khai", tag: str = "a") -> Document:
    return Document.objects.create(
        receiving_point=point,
        owner_id_number=owner,
        kind=title,
        title=title,
        origin=DocumentOrigin.SCAN,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="d.pdf"),
        sha256=tag * 64,
        source_sha256=tag * 64,
        pages=1,
    )


def electronic_ready(w: World, **reception):
    """A dossier whose signed result was sent to the one-stop, to be returned electronically."""
    dossier = perform(w, w.receive(return_method=ReturnMethod.ELECTRONIC, **reception), Action.TRANSFER)
    dossier = advance_to_decision(w, dossier)
    upload = ContentFile(signed_result(w.committee), name="ket-qua.pdf")
    dossier = dossier_act(dossier=dossier, actor=w.leader, action=Action.APPROVE, result_file=upload)
    return perform(w, dossier, Action.SEND_RESULT_TO_COUNTER)


@dataclass
class Citizens:
    world: World
    a: object
    b: object
    a_dossier: object  # supplement requested
    b_dossier: object
    a_ready: object  # electronic result ready
    a_document: Document
    b_document: Document


@pytest.fixture
def citizens(world, pki) -> Citizens:  # noqa: F811
    tariffs_load_demo()
    b_applicant = Applicant(kind=ApplicantKind.CITIZEN, name="Nguyễn Thị Hạnh", id_number=B_NUMBER, address="1 Phố")
    return Citizens(
        world=world,
        a=citizen_account(owner_number=A_NUMBER, full_name="Nguyễn Văn An", phone="0912345678"),
        b=citizen_account(owner_number=B_NUMBER, full_name="Nguyễn Thị Hạnh"),
        a_dossier=reach(world, Status.SUPPLEMENT_REQUESTED),
        b_dossier=reach(world, Status.SUPPLEMENT_REQUESTED, applicant=b_applicant),
        a_ready=electronic_ready(world),
        a_document=stored_document(A_NUMBER, point=world.office, tag="a"),
        b_document=stored_document(B_NUMBER, tag="b"),
    )
