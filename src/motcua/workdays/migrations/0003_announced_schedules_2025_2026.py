"""Ship the announced holiday schedules of 2025 and 2026 as editable overrides.

The ``holidays`` package computes Tết and the day next to National Day by rule and knows only some of
the announced swaps (it lacks Friday 2/1/2026 off for Saturday 10/1/2026). The rows below are the
announced schedule where it is decided year by year — the five Tết weekdays, the day next to 2/9, swapped
days and make-up Saturdays — so that an administrator sees and can correct them in the admin.
Fixed statutory days (1/1, Hùng Kings, 30/4, 1/5, 2/9, compensatory days) stay with the package.

Sources (best knowledge, from public news reports, primary texts NOT read — hence "chưa đối chiếu" in
``legal_basis`` where the document was not identified):
* 2025: Official Letter 8726/VPCP-KGVX (26/11/2024) and Announcement 6150/TB-BLĐTBXH: Tết 25/1–2/2/2025,
  30/4–4/5/2025 with Friday 2/5 swapped for Saturday 26/4; National Day 1/9–2/9/2025 (verified against the
  package; document for 1/9 unverified).
* 2026: Official Letter 12729/VPCP-KGVX (25/12/2025): New Year 1/1–4/1/2026, Friday 2/1 swapped for
  Saturday 10/1. Tết Bính Ngọ 14/2–22/2/2026 (Prime Minister's approval of the Ministry of Home Affairs'
  plan, 10/2025, number unverified). National Day 2026: 1/9–2/9 and Monday 31/8 swapped for Saturday 22/8,
  as the ``holidays`` package 0.109 records (unverified).

Idempotent: a date that already has an override (an administrator's edit) is left alone, and the
reverse removes only rows still exactly as shipped.
"""

from django.db import migrations

HOLIDAY, WORKING = "holiday", "working"

_BASIS_2025 = "Công văn 8726/VPCP-KGVX ngày 26/11/2024; Thông báo 6150/TB-BLĐTBXH của Bộ LĐ-TB&XH"
_BASIS_2025_SEP = "Bộ luật Lao động 2019, Điều 112; lịch nghỉ năm 2025 của Bộ LĐ-TB&XH (số hiệu chưa đối chiếu)"
_BASIS_2026_JAN = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 (đồng ý phương án của Bộ Nội vụ)"
_BASIS_2026_TET = "Phương án nghỉ Tết Bính Ngọ của Bộ Nội vụ được Thủ tướng đồng ý, 10/2025 (số hiệu chưa đối chiếu)"
_BASIS_2026_SEP = "Bộ luật Lao động 2019, Điều 112; lịch nghỉ Quốc khánh 2026 (chưa đối chiếu văn bản gốc)"
_BASIS_2026_SWAP = "Hoán đổi dịp Quốc khánh 2026 theo thư viện holidays 0.109 (chưa đối chiếu văn bản gốc)"

# (ISO date, kind, name, legal basis)
ANNOUNCED = (
    ("2025-01-27", HOLIDAY, "Nghỉ Tết Nguyên Đán Ất Tỵ 2025", _BASIS_2025),
    ("2025-01-28", HOLIDAY, "Nghỉ Tết Nguyên Đán Ất Tỵ 2025", _BASIS_2025),
    ("2025-01-29", HOLIDAY, "Nghỉ Tết Nguyên Đán Ất Tỵ 2025", _BASIS_2025),
    ("2025-01-30", HOLIDAY, "Nghỉ Tết Nguyên Đán Ất Tỵ 2025", _BASIS_2025),
    ("2025-01-31", HOLIDAY, "Nghỉ Tết Nguyên Đán Ất Tỵ 2025", _BASIS_2025),
    ("2025-04-26", WORKING, "Làm bù cho thứ Sáu 02/05/2025", _BASIS_2025),
    ("2025-05-02", HOLIDAY, "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025)", _BASIS_2025),
    ("2025-09-01", HOLIDAY, "Nghỉ lễ Quốc khánh (ngày liền kề 02/09)", _BASIS_2025_SEP),
    ("2026-01-02", HOLIDAY, "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)", _BASIS_2026_JAN),
    ("2026-01-10", WORKING, "Làm bù cho thứ Sáu 02/01/2026", _BASIS_2026_JAN),
    ("2026-02-16", HOLIDAY, "Nghỉ Tết Nguyên Đán Bính Ngọ 2026", _BASIS_2026_TET),
    ("2026-02-17", HOLIDAY, "Nghỉ Tết Nguyên Đán Bính Ngọ 2026", _BASIS_2026_TET),
    ("2026-02-18", HOLIDAY, "Nghỉ Tết Nguyên Đán Bính Ngọ 2026", _BASIS_2026_TET),
    ("2026-02-19", HOLIDAY, "Nghỉ Tết Nguyên Đán Bính Ngọ 2026", _BASIS_2026_TET),
    ("2026-02-20", HOLIDAY, "Nghỉ Tết Nguyên Đán Bính Ngọ 2026", _BASIS_2026_TET),
    ("2026-08-22", WORKING, "Làm bù cho thứ Hai 31/08/2026 (chưa đối chiếu)", _BASIS_2026_SWAP),
    ("2026-08-31", HOLIDAY, "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08/2026)", _BASIS_2026_SWAP),
    ("2026-09-01", HOLIDAY, "Nghỉ lễ Quốc khánh (ngày liền kề 02/09)", _BASIS_2026_SEP),
)


def load_announced(apps, schema_editor):
    DayOverride = apps.get_model("workdays", "DayOverride")
    for day, kind, name, basis in ANNOUNCED:
        DayOverride.objects.get_or_create(date=day, defaults={"kind": kind, "name": name, "legal_basis": basis})


def unload_announced(apps, schema_editor):
    DayOverride = apps.get_model("workdays", "DayOverride")
    for day, kind, name, basis in ANNOUNCED:
        DayOverride.objects.filter(date=day, kind=kind, name=name, legal_basis=basis).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workdays", "0002_override_audit_fields_and_constraints"),
    ]

    operations = [
        migrations.RunPython(load_announced, unload_announced),
    ]
