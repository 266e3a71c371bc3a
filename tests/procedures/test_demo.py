"""The demo catalogue: real procedures, loaded through the import, idempotent and quick on a second run."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.procedures.demo import DEMO_PROCEDURES, procedures_load_demo
from motcua.procedures.models import ProcedureVersion, VersionStatus
from motcua.procedures.selectors import procedure_get_published, procedure_search
from motcua.procedures.validators import spec_issues


def test_the_demo_catalogue_covers_forty_procedures_of_both_levels_and_many_fields():
    assert len(DEMO_PROCEDURES) >= 40
    assert len({spec.national_code for spec in DEMO_PROCEDURES}) == len(DEMO_PROCEDURES)
    levels = Counter(level for spec in DEMO_PROCEDURES for level in spec.levels)
    assert levels["commune"] >= 15 and levels["province"] >= 15
    assert len({spec.field_code for spec in DEMO_PROCEDURES}) >= 10
    units = Counter(spec.time_limit_unit for spec in DEMO_PROCEDURES)
    assert set(units) == {"working_days", "calendar_days", "working_hours"}
    assert sum(spec.same_day_cutoff for spec in DEMO_PROCEDURES) >= 5


def test_the_demo_shows_inter_agency_and_parallel_steps_conditional_components_and_exemptions():
    steps = [step for spec in DEMO_PROCEDURES for step in spec.steps]
    assert sum(step.at_other_agency for step in steps) >= 10
    parallel = [spec for spec in DEMO_PROCEDURES if any(step.parallel_group for step in spec.steps)]
    assert len(parallel) >= 2
    assert all(c.condition for spec in DEMO_PROCEDURES for c in spec.components if not c.mandatory)
    assert any("hộ nghèo" in fee.exemptions for spec in DEMO_PROCEDURES for fee in spec.fees)
    assert {spec.online_submission for spec in DEMO_PROCEDURES} == {"none", "partial", "full"}
    assert {step.role for step in steps} == {
        "postal_clerk",
        "agency_specialist",
        "agency_leader",
        "one_stop_supervisor",
    }


def test_every_demo_procedure_follows_the_rules():
    assert [(spec.national_code, spec_issues(spec)) for spec in DEMO_PROCEDURES if spec_issues(spec)] == []


@pytest.mark.django_db
def test_loading_the_demo_publishes_it_and_a_second_load_writes_nothing_quickly():
    first = procedures_load_demo()
    assert first == {
        "procedures": len(DEMO_PROCEDURES),
        "procedures_created": len(DEMO_PROCEDURES),
        "procedure_versions_created": len(DEMO_PROCEDURES),
        "procedure_fields_created": 11,
    }
    birth = procedure_get_published(national_code="1.001193")
    assert (birth.name, birth.same_day_cutoff) == ("Đăng ký khai sinh", True)
    assert "1.001193" in [p.national_code for p in procedure_search(query="dang ky khai sinh")]
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        second = procedures_load_demo()
    assert time.monotonic() - started < 2
    assert len(queries) < 30
    assert (second["procedures_created"], second["procedure_versions_created"]) == (0, 0)
    assert ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).count() == len(DEMO_PROCEDURES)
