"""The default inputs: cited, complete, and the province figures as published."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest

from motcua.core.text import fold
from motcua.localities.models import Commune, Province
from motcua.planner.defaults import (
    COMMUNE_RATE_PER_1000,
    FIELDS,
    PROVINCES_CSV,
    default_inputs,
    meta_for,
    province_key,
    stage_minutes,
)
from motcua.planner.inputs import inputs_from_dict


def test_every_default_number_names_its_source_label_and_unit_key(inputs):
    flat = inputs.flat()
    assert len(flat) > 300  # 34 provinces × 6, 11 fields × 4, the profile, service, costs and queue
    for key in flat:
        meta = meta_for(key)
        assert meta.source, key
        assert meta.label_vi and meta.label_en and meta.label_vi != key, key
    rows = inputs.metadata({"queue.service_level": "measured at Bưu cục Thành Sen"})
    assert [row.key for row in rows] == list(flat)
    by_key = {row.key: row for row in rows}
    assert by_key["queue.service_level"].source == "measured at Bưu cục Thành Sen"
    assert by_key["costs.base_salary_vnd"].as_of == "2024-07-01" and by_key["costs.base_salary_vnd"].unit == "VND/month"
    assert by_key["provinces.42.population"].value == 1_622_901


def test_defaults_survive_json_and_are_valid(inputs):
    again = inputs_from_dict(json.loads(json.dumps(inputs.to_dict())))
    assert again == inputs


def test_province_population_sums_to_the_csv_total(inputs):
    with PROVINCES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 34
    assert all(row["source"] and row["as_of"] for row in rows)
    total = sum(int(row["population"]) for row in rows)
    assert total == 113_572_156  # Resolution 202/2025/QH15's "quy mô dân số", temporary residents counted
    assert sum(item.population for item in inputs.provinces.values()) == total
    areas = sum(float(row["area_km2"]) for row in rows)
    assert sum(item.area_km2 for item in inputs.provinces.values()) == pytest.approx(areas)


def test_every_csv_row_is_a_province_of_todays_map_with_its_communes(inputs):
    in_database = {province_key(name): code for code, name in Province.objects.values_list("code", "name")}
    communes = Counter(Commune.objects.values_list("province_id", flat=True))
    assert set(inputs.provinces) == set(Province.objects.values_list("code", flat=True))
    for code, figures in inputs.provinces.items():
        assert in_database[province_key(figures.name)] == code
        assert communes[code] == figures.communes, figures.name
    assert sum(communes.values()) == 3321
    assert fold(inputs.provinces["42"].name) == "ha tinh"


def test_field_rates_follow_the_national_derivation(inputs):
    assert round(COMMUNE_RATE_PER_1000) == 528  # 10^8 / 113.6 million × 1000 × 60 %
    assert abs(sum(share for *_, share, _ in FIELDS.values()) - 1) < 1e-9
    total = sum(item.dossiers_per_1000 for item in inputs.fields.values())
    assert abs(total - COMMUNE_RATE_PER_1000) < 1


def test_counter_minutes_come_from_the_published_stage_catalogue(db):
    minutes, from_catalogue = stage_minutes()
    assert from_catalogue
    assert minutes["receive"] == 15 and minutes["guide"] == 5
    assert minutes["digitize"] == 4  # 2 minutes per page × 2 pages
    assert default_inputs().service.stage_minutes == minutes
