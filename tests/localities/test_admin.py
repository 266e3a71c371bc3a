"""The admin: folded search, read-only units, manual commune mappings."""

from __future__ import annotations

from django.urls import reverse

from motcua.localities.models import LegacyCommune, MappingSource


def test_changelist_search_ignores_accents(localities, admin_client):
    response = admin_client.get(reverse("admin:localities_commune_changelist"), {"q": "phuong hoan kiem"})
    assert response.status_code == 200
    assert "Phường Hoàn Kiếm" in response.content.decode()
    response = admin_client.get(reverse("admin:localities_legacycommune_changelist"), {"q": "Hang Trong"})
    assert "Phường Hàng Trống" in response.content.decode()


def test_every_changelist_opens_with_its_filters(localities, admin_client):
    for model in ("province", "commune", "legacyprovince", "legacydistrict", "legacycommune", "loadeddataset"):
        response = admin_client.get(reverse(f"admin:localities_{model}_changelist"))
        assert response.status_code == 200, model
    response = admin_client.get(reverse("admin:localities_commune_changelist"), {"province__code__exact": "01"})
    assert response.status_code == 200


def test_units_are_read_only(localities, admin_client):
    response = admin_client.post(reverse("admin:localities_commune_change", args=["00070"]), {"name": "X"})
    assert response.status_code == 403
    assert admin_client.get(reverse("admin:localities_province_add")).status_code == 403


def test_saving_a_mapping_marks_it_manual(localities, admin_client):
    url = reverse("admin:localities_legacycommune_change", args=["00079"])
    response = admin_client.post(url, {"new_commune": "00070"})
    assert response.status_code == 302
    trang_tien = LegacyCommune.objects.get(code="00079")
    assert (trang_tien.new_commune_id, trang_tien.mapping_source) == ("00070", MappingSource.MANUAL)


def test_a_mapping_outside_the_successor_province_is_refused(localities, admin_client):
    url = reverse("admin:localities_legacycommune_change", args=["00079"])
    response = admin_client.post(url, {"new_commune": "26740"})  # a ward of Hồ Chí Minh City
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["new_commune"]
    assert LegacyCommune.objects.get(code="00079").mapping_source == ""


def test_reset_action_restores_the_automatic_mapping(localities, admin_client):
    LegacyCommune.objects.filter(code="00070").update(new_commune=None, mapping_source=MappingSource.MANUAL)
    response = admin_client.post(
        reverse("admin:localities_legacycommune_changelist"),
        {"action": "reset_to_automatic", "_selected_action": ["00070"]},
    )
    assert response.status_code == 302
    hang_trong = LegacyCommune.objects.get(code="00070")
    assert (hang_trong.new_commune_id, hang_trong.mapping_source) == ("00070", MappingSource.SAME_CODE)


def test_mapping_form_opens_with_the_commune_picker(localities, admin_client):
    response = admin_client.get(reverse("admin:localities_legacycommune_change", args=["00079"]))
    assert response.status_code == 200
    assert "admin-autocomplete" in response.content.decode()
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "localities", "model_name": "legacycommune", "field_name": "new_commune", "term": "hoan kiem"},
    )
    assert response.status_code == 200
    assert "00070" in [item["id"] for item in response.json()["results"]]


def test_clearing_a_mapping_records_that_there_is_no_single_successor(localities, admin_client):
    response = admin_client.post(reverse("admin:localities_legacycommune_change", args=["00070"]), {"new_commune": ""})
    assert response.status_code == 302
    hang_trong = LegacyCommune.objects.get(code="00070")
    assert (hang_trong.new_commune_id, hang_trong.mapping_source) == (None, MappingSource.MANUAL)
