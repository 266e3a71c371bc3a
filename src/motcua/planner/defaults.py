"""The default inputs of a scenario, each with its source (docs/planner.md explains every number).

Province figures come from ``data/provinces-2025.csv``; the rest are the constants below. Where no public
figure exists the source says "assumption" and how the number was chosen, so a planner knows what to replace
with a measurement.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from motcua.core.errors import ApplicationError
from motcua.core.text import fold
from motcua.localities.datasets import read_current_map
from motcua.postal.models import Service as PostalService
from motcua.postal.models import Zone
from motcua.postal.tariffs import DEMO_BANDS
from motcua.stages.models import TimeBasis
from motcua.stages.selectors import catalogue_current

from . import errors
from .inputs import (
    Costs,
    FieldDemand,
    Peak,
    Profile,
    ProvinceFigures,
    Queue,
    ScenarioInputs,
    Service,
)

PROVINCES_CSV = Path(__file__).resolve().parent / "data" / "provinces-2025.csv"

# National order of magnitude of administrative dossiers a year, all channels and levels (unverified), and
# the population it is spread over (the CSV's total). The share of them met at commune centres since the
# two-level government of 1/7/2025 is an assumption.
NATIONAL_DOSSIERS_PER_YEAR = 100_000_000
COMMUNE_LEVEL_SHARE = 0.6
NATIONAL_POPULATION = 113_572_156
COMMUNE_RATE_PER_1000 = NATIONAL_DOSSIERS_PER_YEAR / NATIONAL_POPULATION * 1000 * COMMUNE_LEVEL_SHARE  # ≈ 528

# code: (name vi, name en, assumed share of the commune centre's dossiers, reception time factor)
FIELDS: dict[str, tuple[str, str, float, float]] = {
    "CT": ("Chứng thực", "Certification of copies and signatures", 0.34, 0.4),
    "DD": ("Đất đai", "Land", 0.18, 1.6),
    "HT": ("Hộ tịch", "Civil status", 0.16, 1.0),
    "BTXH": ("Bảo trợ xã hội", "Social protection", 0.08, 1.0),
    "GPLX": ("Đường bộ – Giấy phép lái xe", "Driving licences", 0.05, 0.8),
    "YT": ("Y tế", "Health", 0.05, 0.8),
    "GD": ("Giáo dục và Đào tạo", "Education", 0.04, 0.8),
    "HKD": ("Đăng ký hộ kinh doanh", "Household business registration", 0.03, 1.2),
    "LLTP": ("Lý lịch tư pháp", "Judicial records", 0.03, 0.8),
    "NCC": ("Người có công", "People with merit", 0.02, 1.0),
    "XD": ("Hoạt động xây dựng", "Construction", 0.02, 1.4),
}

# Counter minutes per stage of the stage catalogue, used when no catalogue is published; a dossier is assumed
# to have two pages to scan (the catalogue's digitization standard is per page).
STAGE_MINUTES = {"guide": 5.0, "receive": 15.0, "digitize": 4.0, "fees": 3.0, "return_counter": 5.0}
PAGES_PER_DOSSIER = 2
RECEPTION_STAGES = ("guide", "receive", "digitize", "fees")
RETURN_STAGES = ("return_counter",)

HOUR_WEIGHTS = {"07": 0.7, "08": 1.2, "09": 1.4, "10": 1.3, "11": 0.8, "13": 0.8, "14": 1.1, "15": 1.0, "16": 0.7}
DAY_WEIGHTS = {"mon": 1.25, "tue": 1.05, "wed": 1.0, "thu": 1.0, "fri": 0.9, "sat": 0.6, "sun": 0.0}
MONTH_MULTIPLIERS = [1.15, 0.80, 1.0, 0.95, 0.95, 1.0, 1.10, 1.10, 1.0, 1.0, 0.95, 1.0]

BASE_SALARY_VND = 2_340_000
SALARY_COEFFICIENT = 2.34
# GSO: average monthly income per capita in 2024 about 5.4 million VND (current prices), over 176 hours.
INCOME_PER_CAPITA_MONTH_VND = 5_400_000
POSTAGE_VND = DEMO_BANDS[(PostalService.STANDARD, Zone.IN_PROVINCE)][0][1]


@dataclass(frozen=True)
class Meta:
    label_vi: str
    label_en: str
    unit: str
    source: str
    as_of: str = ""


ASSUMED = "assumption to calibrate (docs/planner.md)"
SCENARIO = "the scenario's choice"
STAGES_SOURCE = "stage catalogue time standard (motcua.stages), else docs/planner.md default"

# Metadata per dotted key; ``*`` stands for any code of a collection.
META: dict[str, Meta] = {
    "provinces.*.name": Meta("Tên tỉnh", "Province", "", "localities: today's map"),
    "provinces.*.population": Meta(
        "Quy mô dân số", "Population (incl. temporary residents)", "people", "Resolution 202/2025/QH15"
    ),
    "provinces.*.area_km2": Meta("Diện tích", "Area", "km²", "Resolution 202/2025/QH15"),
    "provinces.*.communes": Meta("Số xã, phường", "Communes and wards", "units", "vietnam-provinces 2026.9.0"),
    "provinces.*.as_of": Meta("Số liệu tại ngày", "Figures as of", "date", "Resolution 202/2025/QH15"),
    "provinces.*.source": Meta("Nguồn", "Source", "", "data/provinces-2025.csv"),
    "communes": Meta("Xã có số liệu đo", "Measured communes", "", "none recorded: every commune is estimated"),
    "communes.*.population": Meta("Dân số xã (đo)", "Commune population (measured)", "people", "as recorded"),
    "communes.*.area_km2": Meta("Diện tích xã (đo)", "Commune area (measured)", "km²", "as recorded"),
    "communes.*.source": Meta("Nguồn", "Source", "", "as recorded"),
    "fields.*.name_vi": Meta("Lĩnh vực", "Field (Vietnamese)", "", "procedure catalogue fields"),
    "fields.*.name_en": Meta("Lĩnh vực (tiếng Anh)", "Field", "", "procedure catalogue fields"),
    "fields.*.dossiers_per_1000": Meta(
        "Hồ sơ / 1.000 dân / năm",
        "Dossiers per 1,000 inhabitants per year",
        "dossiers",
        "10^8 dossiers/year nationally (unverified) × 60% at communes (assumption) × field share (assumption)",
    ),
    "fields.*.reception_factor": Meta("Hệ số thời gian tiếp nhận", "Reception time factor", "×", ASSUMED),
    "profile.weekday_hours": Meta("Giờ làm việc thứ Hai–thứ Sáu", "Opening hours Mon–Fri", "hh:mm-hh:mm", ASSUMED),
    "profile.saturday_hours": Meta("Giờ làm việc thứ Bảy", "Opening hours Saturday", "hh:mm-hh:mm", ASSUMED),
    "profile.hour_weights.*": Meta("Trọng số giờ", "Arrivals weight of the hour", "×", ASSUMED),
    "profile.day_weights.*": Meta("Trọng số ngày", "Arrivals weight of the day", "×", ASSUMED),
    "profile.month_multipliers.*": Meta("Hệ số tháng", "Month multiplier", "×", ASSUMED),
    "profile.plan_month": Meta("Tháng lập kế hoạch (0 = trung bình)", "Planned month (0 = average)", "month", SCENARIO),
    "profile.peaks.*.name_vi": Meta("Cao điểm", "Peak (Vietnamese)", "", ASSUMED),
    "profile.peaks.*.name_en": Meta("Cao điểm (tiếng Anh)", "Peak", "", ASSUMED),
    "profile.peaks.*.multiplier": Meta("Hệ số cao điểm", "Peak multiplier", "×", ASSUMED),
    "profile.peaks.*.months": Meta("Tháng", "Months", "1..12", ASSUMED),
    "profile.peaks.*.fields": Meta("Lĩnh vực", "Fields (empty = all)", "codes", ASSUMED),
    "profile.peaks.*.active": Meta("Áp dụng", "Applied to the planned week", "yes/no", SCENARIO),
    "service.stage_minutes.*": Meta("Thời gian tại quầy", "Counter time of the stage", "minutes", STAGES_SOURCE),
    "service.online_share": Meta("Tỷ lệ nộp trực tuyến", "Share filed online", "0..1", ASSUMED),
    "service.pickup_share": Meta("Tỷ lệ thu gom tại nhà", "Share picked up at home", "0..1", ASSUMED),
    "service.delivery_share": Meta("Tỷ lệ trả kết quả qua bưu chính", "Share of results by post", "0..1", ASSUMED),
    "service.postal_share": Meta(
        "Phần việc giao bưu điện", "Share of counter work handed to the post", "0..1", "the model project's aim"
    ),
    "costs.salary_coefficient": Meta(
        "Hệ số lương", "Salary coefficient", "×", "Decree 204/2004/NĐ-CP, civil servant type A1 (university) step 1"
    ),
    "costs.base_salary_vnd": Meta(
        "Lương cơ sở", "Base salary", "VND/month", "Decree 73/2024/NĐ-CP, from 1/7/2024", "2024-07-01"
    ),
    "costs.allowances_pct": Meta("Phụ cấp", "Allowances", "share of salary", ASSUMED),
    "costs.contributions_pct": Meta(
        "Đóng góp của cơ quan", "Employer contributions", "share of salary", "social insurance 17.5% + health 3%"
    ),
    "costs.overhead_pct": Meta("Chi phí chung", "Overhead (office, equipment)", "share of salary", ASSUMED),
    "costs.working_hours_per_month": Meta("Giờ làm việc / tháng", "Working hours per month", "hours", "22 days × 8 h"),
    "costs.fte_hours_per_week": Meta("Giờ làm việc / tuần", "Working hours per week", "hours", "40-hour week"),
    "costs.postal_pricing": Meta("Cách trả bưu điện", "Postal pricing", "staff/per_dossier", ASSUMED),
    "costs.postal_staff_month_vnd": Meta("Chi phí nhân viên bưu điện", "Postal staff cost", "VND/month", ASSUMED),
    "costs.postal_price_per_dossier_vnd": Meta(
        "Đơn giá hợp đồng / hồ sơ", "Contract price per dossier", "VND", ASSUMED
    ),
    "costs.postage_vnd": Meta(
        "Cước một lần thu gom / chuyển phát",
        "Postage of one pickup or delivery",
        "VND",
        "postal/tariffs.py demo band: standard, in province, ≤ 250 g (illustrative)",
    ),
    "costs.time_value_vnd_per_hour": Meta(
        "Giá trị thời gian người dân",
        "Citizen's value of time",
        "VND/hour",
        "GSO: average income per capita ≈ 5.4 million VND/month in 2024, ÷ 176 h",
        "2024-12-31",
    ),
    "costs.travel_vnd_per_km": Meta("Chi phí đi lại", "Travel cost", "VND/km", ASSUMED),
    "costs.travel_speed_kmh": Meta("Tốc độ đi lại", "Travel speed", "km/h", ASSUMED),
    "queue.target_wait_minutes": Meta(
        "Thời gian chờ tối đa", "Wait target", "minutes", "Decision 468/QĐ-TTg (15 minutes)"
    ),
    "queue.service_level": Meta("Tỷ lệ đạt chuẩn chờ", "Share served within the target", "0..1", ASSUMED),
    "queue.patience_minutes": Meta("Thời gian kiên nhẫn", "Patience (empty: Erlang C)", "minutes", ASSUMED),
    "queue.shrinkage": Meta("Tỷ lệ thời gian vắng quầy", "Shrinkage", "0..1", ASSUMED),
    "queue.max_occupancy": Meta("Hệ số bận tối đa", "Maximum occupancy", "0..1", ASSUMED),
    "queue.minimum_postal_staff": Meta("Tối thiểu nhân viên bưu điện", "Minimum postal staff", "people", ASSUMED),
    "queue.minimum_per_field": Meta("Tối thiểu công chức / lĩnh vực", "Minimum per field counter", "people", ASSUMED),
    "version": Meta("Phiên bản định dạng", "Format version", "", "motcua.planner.inputs"),
}


@dataclass(frozen=True)
class InputField:
    """One number of a scenario's inputs as pages and workbooks show it."""

    key: str
    value: Any
    label_vi: str
    label_en: str
    unit: str
    source: str
    as_of: str


def input_fields(inputs: ScenarioInputs, sources: dict[str, str] | None = None) -> list[InputField]:
    """Every input of ``inputs`` with its label, unit and source (``sources`` overrides a key's default
    source: a version's provenance), in the order of the inputs."""
    sources = sources or {}
    rows = []
    for key, value in inputs.flat().items():
        meta = meta_for(key)
        rows.append(
            InputField(key, value, meta.label_vi, meta.label_en, meta.unit, sources.get(key) or meta.source, meta.as_of)
        )
    return rows


def meta_for(key: str) -> Meta:
    """The metadata of a dotted key, by its pattern with codes replaced by ``*``."""
    if key in META:
        return META[key]
    parts = key.split(".")
    for index in range(len(parts)):
        pattern = ".".join([*parts[:index], "*", *parts[index + 1 :]])
        if pattern in META:
            return META[pattern]
    return Meta(key, key, "", "")


def province_key(name: str) -> str:
    """A province's name folded, without "Thành phố"/"Tỉnh": the CSV writes "Hà Nội" for "Thành phố Hà Nội"."""
    return fold(name).removeprefix("thanh pho ").removeprefix("tinh ")


@functools.cache
def province_code_by_name() -> dict[str, str]:
    """Folded province name → GSO code, from today's map as bundled (the data the localities tables load), so
    the defaults do not depend on what the database holds; tests check that it names the same provinces as
    ``localities.Province``."""
    provinces, _ = read_current_map()
    return {province_key(unit.name): unit.code for unit in provinces}


def provinces_from_csv(path: Path = PROVINCES_CSV) -> dict[str, ProvinceFigures]:
    """The CSV's rows keyed by province code; every row must name a province of today's map."""
    codes = province_code_by_name()
    provinces: dict[str, ProvinceFigures] = {}
    with path.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            code = codes.get(province_key(row["province"]))
            if code is None:
                raise errors.province_unknown(field=f"provinces_csv.{number}", name=row["province"])
            provinces[code] = ProvinceFigures(
                name=row["province"],
                population=int(row["population"]),
                area_km2=float(row["area_km2"]),
                communes=int(row["communes"]),
                as_of=row["as_of"],
                source=row["source"],
            )
    return dict(sorted(provinces.items()))


def stage_minutes() -> tuple[dict[str, float], bool]:
    """Counter minutes per stage: the published stage catalogue's time standards (a per-page standard times
    ``PAGES_PER_DOSSIER``), else the defaults. Returns the minutes and whether the catalogue gave them."""
    try:
        catalogue = catalogue_current()
    except ApplicationError:  # no catalogue published
        return dict(STAGE_MINUTES), False
    minutes = dict(STAGE_MINUTES)
    found = False
    for stage in catalogue.stages.all():
        if stage.code in minutes and stage.time_standard_minutes:
            per_page = stage.time_basis == TimeBasis.PAGE
            minutes[stage.code] = float(stage.time_standard_minutes * (PAGES_PER_DOSSIER if per_page else 1))
            found = True
    return minutes, found


def default_inputs() -> ScenarioInputs:
    """The inputs every new scenario starts from."""
    minutes, _ = stage_minutes()
    return ScenarioInputs(
        provinces=provinces_from_csv(),
        communes={},
        fields={
            code: FieldDemand(
                name_vi=name_vi,
                name_en=name_en,
                dossiers_per_1000=round(COMMUNE_RATE_PER_1000 * share, 1),
                reception_factor=factor,
            )
            for code, (name_vi, name_en, share, factor) in FIELDS.items()
        },
        profile=Profile(
            weekday_hours="07:30-11:30 13:30-17:00",
            saturday_hours="",
            hour_weights={f"{hour:02d}": HOUR_WEIGHTS.get(f"{hour:02d}", 0.0) for hour in range(6, 19)},
            day_weights=dict(DAY_WEIGHTS),
            month_multipliers={f"{month:02d}": value for month, value in enumerate(MONTH_MULTIPLIERS, start=1)},
            plan_month=0,
            peaks={
                "tet": Peak("Các tuần trước Tết", "Weeks before Tết", 1.5, [1, 2], [], False),
                "enrolment": Peak("Tuyển sinh", "School enrolment", 1.4, [7, 8], ["HT", "CT", "GD"], False),
                "land": Peak("Đợt cấp giấy chứng nhận đất", "Land certificate campaign", 1.5, [], ["DD"], False),
            },
        ),
        service=Service(
            stage_minutes=minutes,
            online_share=0.30,
            pickup_share=0.05,
            delivery_share=0.15,
            postal_share=1.0,
        ),
        costs=Costs(
            salary_coefficient=SALARY_COEFFICIENT,
            base_salary_vnd=BASE_SALARY_VND,
            allowances_pct=0.25,
            contributions_pct=0.205,
            overhead_pct=0.20,
            working_hours_per_month=176.0,
            fte_hours_per_week=40.0,
            postal_pricing="staff",
            postal_staff_month_vnd=9_000_000,
            postal_price_per_dossier_vnd=20_000,
            postage_vnd=POSTAGE_VND,
            time_value_vnd_per_hour=int(round(INCOME_PER_CAPITA_MONTH_VND / 176, -2)),
            travel_vnd_per_km=1_000,
            travel_speed_kmh=25.0,
        ),
        queue=Queue(
            target_wait_minutes=15.0,
            service_level=0.8,
            patience_minutes=None,
            shrinkage=0.10,
            max_occupancy=0.85,
            minimum_postal_staff=1,
            minimum_per_field=1,
        ),
    )
