"""The dossier admin: lists and filters, in Vietnamese, and strictly read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from time_machine import travel

from motcua.dossiers.models import Dossier, DossierEvent, OutboxMessage
from motcua.dossiers.services import transitions as t
from tests.dossiers.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(world):
    """One dossier processing at the committee, one refused at reception."""
    with travel(at("25/11/2026 09:00"), tick=False):
        processing = world.receive()
        t.dossier_transfer(dossier=processing, actor=world.clerk)
        refused = world.receive()
        t.dossier_refuse(dossier=refused, actor=world.clerk, reasons="Không thuộc thẩm quyền")
    return processing, refused


def test_the_changelist_lists_dossiers_in_vietnamese(admin_client, dossiers):
    response = admin_client.get(reverse("admin:dossiers_dossier_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="vi"' in page
    for dossier in dossiers:
        assert dossier.code in page
    assert "UBND Phường Thành Sen" in page


def test_the_changelist_filters_by_status_and_deadline_and_searches_codes(admin_client, dossiers):
    processing, refused = dossiers
    url = reverse("admin:dossiers_dossier_changelist")
    by_status = admin_client.get(url, {"status__exact": "refused"})
    assert [d.code for d in by_status.context["cl"].result_list] == [refused.code]
    by_code = admin_client.get(url, {"q": processing.code})
    assert [d.code for d in by_code.context["cl"].result_list] == [processing.code]
    with travel(at("03/12/2026 09:00"), tick=False):  # the appointment was 02/12 09:00
        overdue = admin_client.get(url, {"deadline": "overdue"})
        due_soon = admin_client.get(url, {"deadline": "due_soon"})
    assert [d.code for d in overdue.context["cl"].result_list] == [processing.code]
    assert list(due_soon.context["cl"].result_list) == []


def test_the_dossier_page_shows_its_components_steps_and_history_without_a_save_button(admin_client, dossiers):
    processing, _refused = dossiers
    response = admin_client.get(reverse("admin:dossiers_dossier_change", args=[processing.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert processing.code in page
    assert "Tờ khai" in page  # a component
    assert "Thẩm định" in page  # a step
    assert "transfer" in page  # a history event
    assert 'name="_save"' not in page
    assert not response.context["has_change_permission"]


def test_nothing_can_be_added_changed_or_deleted_through_the_admin(admin_client, dossiers):
    processing, _refused = dossiers
    change = reverse("admin:dossiers_dossier_change", args=[processing.pk])
    assert admin_client.post(change, {"status": "returned"}).status_code == 403
    assert admin_client.get(reverse("admin:dossiers_dossier_add")).status_code == 403
    assert admin_client.post(reverse("admin:dossiers_dossier_delete", args=[processing.pk])).status_code == 403
    processing.refresh_from_db()
    assert processing.status == "in_process"
    assert Dossier.objects.count() == 2
    assert DossierEvent.objects.filter(dossier=processing).count() == 2


def test_the_outbox_is_listed_with_its_delivery_state(admin_client, dossiers):
    OutboxMessage.objects.filter(topic="dossier.refuse").update(attempts=2, last_error="ConnectionError")
    url = reverse("admin:dossiers_outboxmessage_changelist")
    failing = admin_client.get(url, {"delivered": "failing"})
    assert failing.status_code == 200
    assert [m.topic for m in failing.context["cl"].result_list] == ["dossier.refuse"]
    waiting = admin_client.get(url, {"delivered": "no"})
    assert len(waiting.context["cl"].result_list) == OutboxMessage.objects.count()
    message = OutboxMessage.objects.get(topic="dossier.refuse")
    assert admin_client.get(reverse("admin:dossiers_outboxmessage_change", args=[message.pk])).status_code == 200
    assert admin_client.post(reverse("admin:dossiers_outboxmessage_delete", args=[message.pk])).status_code == 403
