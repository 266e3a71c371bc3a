"""`load_demo` builds a usable demo: today's map, the catalogue, two provinces, one user per role."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from motcua.accounts.models import User
from motcua.agencies.models import Agency, Counter, ReceivingPoint, ReceivingPointKind, Role, StaffAssignment
from motcua.audit.services import audit_chain_verify
from motcua.dossiers.lifecycle import Status
from motcua.dossiers.models import Dossier
from motcua.localities.models import Commune, Province
from motcua.procedures.models import Procedure, VersionStatus

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_load_demo_is_complete_and_idempotent(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "motcua-demo" in out

    assert Province.objects.count() == 34
    assert Commune.objects.count() == 3321
    published = Procedure.objects.filter(current_version__status=VersionStatus.PUBLISHED)
    assert published.count() >= 40
    levels = {level for levels in published.values_list("current_version__levels", flat=True) for level in levels}
    assert {"commune", "province"} <= levels
    assert set(Agency.objects.values_list("province__name", flat=True)) >= {"Hà Tĩnh", "Đồng Tháp"}
    assert ReceivingPoint.objects.filter(kind=ReceivingPointKind.POST_OFFICE).count() >= 2
    assert Counter.objects.filter(fields__isnull=False).exists()
    assert set(StaffAssignment.objects.values_list("role", flat=True)) == {role.value for role in Role}
    for username in ("clerk", "specialist", "planner", "admin"):
        assert User.objects.get(username=username).check_password("motcua-demo")
    assert User.objects.get(username="admin").is_superuser
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert {Status.RECEIVED, Status.IN_PROCESS, Status.SUPPLEMENT_REQUESTED, Status.RETURNED} <= statuses
    from motcua.postal.models import OrderStatus, PostalOrder

    assert set(PostalOrder.objects.values_list("status", flat=True)) == {OrderStatus.BOOKED, OrderStatus.ASSIGNED}

    counts = (
        Agency.objects.count(),
        Counter.objects.count(),
        StaffAssignment.objects.count(),
        Procedure.objects.count(),
        PostalOrder.objects.count(),
    )
    call_command("load_demo")
    assert (
        Agency.objects.count(),
        Counter.objects.count(),
        StaffAssignment.objects.count(),
        Procedure.objects.count(),
        PostalOrder.objects.count(),
    ) == counts
    assert audit_chain_verify().ok


@override_settings(DEBUG=False)
def test_load_demo_refuses_to_publish_demo_passwords_on_a_production_setup():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not User.objects.filter(username="admin").exists()
