import pytest

from motcua.procedures.models import VersionStatus
from motcua.procedures.selectors import procedure_get_published, procedure_search
from tests.factories import published_procedure


@pytest.mark.django_db
def test_a_published_procedure_is_found_without_accents_and_opens_with_its_checklist():
    version = published_procedure()
    assert version.status == VersionStatus.PUBLISHED
    found = list(procedure_search(query="dang ky khai sinh"))
    assert [p.national_code for p in found] == [version.procedure.national_code]
    detail = procedure_get_published(national_code=version.procedure.national_code)
    assert [c.order for c in detail.components.all()] == [1, 2]
