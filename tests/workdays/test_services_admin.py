"""Overrides are changed through services and the Vietnamese admin, and every change is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from motcua.audit.models import AuditEvent
from motcua.core.errors import ApplicationError
from motcua.workdays.models import DayKind, DayOverride
from motcua.workdays.selectors import work_calendar
from motcua.workdays.services import day_override_delete, day_override_set

from .support import needs_vietnamese

pytestmark = pytest.mark.django_db

BASIS = "Công văn 12729/VPCP-KGVX ngày 25/12/2025"


def _actions() -> list[str]:
    return list(AuditEvent.objects.filter(action__startswith="workdays.").values_list("action", flat=True))


def test_setting_an_override_creates_or_replaces_it_and_audits_each_change(admin_user):
    created = day_override_set(
        day=date(2027, 3, 1), kind=DayKind.HOLIDAY, name="Nghỉ", legal_basis=BASIS, actor=admin_user
    )
    replaced = day_override_set(
        day=date(2027, 3, 1), kind=DayKind.WORKING, name="Làm việc", legal_basis=BASIS, actor=admin_user
    )

    assert replaced.pk == created.pk
    assert DayOverride.objects.get(date=date(2027, 3, 1)).kind == DayKind.WORKING
    assert _actions() == ["workdays.override_saved", "workdays.override_saved"]
    event = AuditEvent.objects.filter(action="workdays.override_saved").last()
    assert event.payload == {"date": "2027-03-01", "kind": "working", "name": "Làm việc"}
    assert event.actor_id == admin_user.pk


def test_deleting_an_override_audits_it_with_its_date(admin_user):
    override = day_override_set(day=date(2027, 3, 1), kind=DayKind.HOLIDAY, name="Nghỉ", legal_basis=BASIS)

    day_override_delete(override=override, actor=admin_user)

    assert not DayOverride.objects.filter(date=date(2027, 3, 1)).exists()
    deleted = AuditEvent.objects.get(action="workdays.override_deleted")
    assert deleted.payload["date"] == "2027-03-01"


@pytest.mark.parametrize(
    ("day", "name", "basis"),
    [(date(2027, 3, 1), "", BASIS), (date(2150, 1, 1), "Nghỉ", BASIS), (date(2027, 3, 1), "Nghỉ", "")],
)
def test_an_invalid_override_is_refused_and_nothing_is_audited(day, name, basis):
    """An override without a name, out of range, or without the source that decided it is refused."""
    with pytest.raises(ApplicationError) as caught:
        day_override_set(day=day, kind=DayKind.HOLIDAY, name=name, legal_basis=basis)

    assert caught.value.code == "workdays_override_invalid"
    assert _actions() == []


def test_the_admin_list_filters_by_year_and_kind(admin_client, announced):
    url = reverse("admin:workdays_dayoverride_changelist")

    page = admin_client.get(url, {"year": "2026", "kind__exact": "working"})

    assert page.status_code == 200
    changelist = page.context["cl"]
    assert list(changelist.queryset.values_list("date", flat=True)) == [date(2026, 8, 22), date(2026, 1, 10)]
    assert "Làm bù cho thứ Sáu 02/01/2026" in page.content.decode()
    years = [choice["display"] for choice in changelist.filter_specs[0].choices(changelist)]
    assert years[1:] == ["2026", "2025"]


@needs_vietnamese
def test_the_admin_speaks_vietnamese(admin_client, announced):
    with translation.override("vi"):
        page = admin_client.get(reverse("admin:workdays_dayoverride_add"), HTTP_ACCEPT_LANGUAGE="vi")

    text = page.content.decode()
    assert "ngày điều chỉnh lịch" in text.lower()
    assert "ngày nghỉ (lễ, Tết, ngày nghỉ hoán đổi)" in text
    assert "Văn bản công bố lịch nghỉ" in text


def test_saving_in_the_admin_writes_an_audit_event_and_refreshes_the_calendar(admin_client, announced):
    assert work_calendar().is_working_day(date(2027, 3, 1))
    url = reverse("admin:workdays_dayoverride_add")

    response = admin_client.post(
        url, {"date": "01/03/2027", "kind": "holiday", "name": "Nghỉ đột xuất", "legal_basis": "QĐ 1/2027"}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert _actions() == ["workdays.override_saved"]
    assert not work_calendar().is_working_day(date(2027, 3, 1))


def test_deleting_in_the_admin_writes_an_audit_event(admin_client, announced):
    override = day_override_set(day=date(2027, 3, 1), kind=DayKind.HOLIDAY, name="Nghỉ", legal_basis=BASIS)
    url = reverse("admin:workdays_dayoverride_delete", args=[override.pk])

    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert _actions() == ["workdays.override_saved", "workdays.override_deleted"]


def test_the_bulk_delete_action_audits_every_row(admin_client, announced):
    rows = [
        day_override_set(day=date(2027, 3, d), kind=DayKind.HOLIDAY, name="Nghỉ", legal_basis=BASIS) for d in (1, 2)
    ]
    url = reverse("admin:workdays_dayoverride_changelist")

    response = admin_client.post(
        url, {"action": "delete_selected", "_selected_action": [r.pk for r in rows], "post": "yes"}
    )

    assert response.status_code == 302
    assert _actions().count("workdays.override_deleted") == 2
    assert not DayOverride.objects.filter(date__year=2027).exists()
