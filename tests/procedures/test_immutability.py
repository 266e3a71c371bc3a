"""A published version and its parts never change: dossiers were received under them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua.core.errors import ApplicationError
from motcua.procedures.models import Component, Fee, ProcedureVersion, ProcessStep, VersionStatus
from motcua.procedures.services import procedure_version_retire, procedure_version_update
from motcua.procedures.specs import spec_from_version
from tests.factories import published_procedure

pytestmark = pytest.mark.django_db


def _refused(action) -> None:
    with pytest.raises(ApplicationError) as caught:
        action()
    assert caught.value.code == "procedure_version_immutable"
    assert "cannot be changed" in caught.value.messages()["en"]


def test_changing_a_field_of_a_published_version_is_refused():
    version = published_procedure()
    version.time_limit = Decimal("10")
    _refused(version.save)
    assert ProcedureVersion.objects.get(pk=version.pk).time_limit == Decimal("3")


def test_moving_a_published_version_back_to_draft_is_refused():
    version = published_procedure()
    version.status = VersionStatus.DRAFT
    _refused(version.save)


def test_deleting_a_published_version_is_refused():
    version = published_procedure()
    _refused(version.delete)
    assert ProcedureVersion.objects.filter(pk=version.pk).exists()


def test_adding_a_component_to_a_published_version_is_refused():
    version = published_procedure()
    _refused(lambda: Component.objects.create(version=version, order=3, name="Giấy tờ thêm", form="copy"))
    assert version.components.count() == 2


@pytest.mark.parametrize("model", [Component, Fee, ProcessStep])
def test_deleting_or_editing_a_part_of_a_published_version_is_refused(model):
    version = published_procedure()
    part = model.objects.filter(version=version).first()
    _refused(part.delete)
    part.order = 9
    _refused(part.save)
    assert model.objects.filter(pk=part.pk, order__lt=9).exists()


def test_the_update_service_refuses_a_published_version():
    version = published_procedure()
    _refused(lambda: procedure_version_update(version=version, spec=spec_from_version(version)))


def test_a_retired_version_is_as_immutable_as_a_published_one():
    version = procedure_version_retire(version=published_procedure())
    version.refresh_from_db()
    version.name = "Tên khác"
    _refused(version.save)
    _refused(lambda: Fee.objects.create(version=version, order=2, kind="fee", description="Phí", amount=1))
