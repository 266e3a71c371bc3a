"""Who files a synthetic dossier: a citizen (name, identity number of the province, birth date) or, now and then, a
household business; mostly from the receiving point's commune."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .world import Route, World


FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Minh", "Quốc", "Thanh", "Ngọc", "Đức", "Thu", "Hữu", "Xuân")
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Oanh",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
)


def applicant_draw(rng: random.Random, world: World, route: Route) -> dict[str, Any]:
    commune = route.point.commune if rng.random() < 0.6 else rng.choice(world.communes)
    address = f"Số {rng.randint(1, 300)}, tổ {rng.randint(1, 25)}, {commune.name}, {world.province.name}"
    phone = f"09{rng.randrange(10**8):08d}"
    if rng.random() < 0.05:
        name = f"Hộ kinh doanh {rng.choice(FAMILY)} {rng.choice(GIVEN)}"
        return {
            "applicant_kind": "organization",
            "applicant_name": name,
            "applicant_id_number": f"3{rng.randrange(10**9):09d}",
            "applicant_birth_date": None,
            "applicant_phone": phone,
            "applicant_address": address,
            "applicant_commune_id": commune.pk,
        }
    female = rng.random() < 0.52
    born = date(rng.randint(1945, 2006), rng.randint(1, 12), rng.randint(1, 28))
    digit = (0 if born.year < 2000 else 2) + int(female)
    name = f"{rng.choice(FAMILY)} {'Thị' if female else rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return {
        "applicant_kind": "citizen",
        "applicant_name": name,
        "applicant_id_number": f"{world.id_prefix}{digit}{born.year % 100:02d}{rng.randrange(10**6):06d}",
        "applicant_birth_date": born,
        "applicant_phone": phone,
        "applicant_email": f"nguoidan{rng.randrange(10**7)}@example.vn" if rng.random() < 0.3 else "",
        "applicant_address": address,
        "applicant_commune_id": commune.pk,
    }
