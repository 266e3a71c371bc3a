"""Demo identities of the local provider: the applicants of the demo dossiers and one business.

All sign in with the password of the staff demo, ``motcua-demo``. Idempotent: a second run refreshes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from .idp.models import LocalIdentity
from .models import AccountKind

DEMO_PASSWORD = "motcua-demo"  # noqa: S105 - the published demo password, as the staff demo's

DEMO_IDENTITIES: list[dict[str, Any]] = [
    {
        "number": "042195001111",
        "kind": AccountKind.CITIZEN,
        "full_name": "Nguyễn Thị Hạnh",
        "birth_date": dt.date(1995, 3, 14),
        "phone": "0995001111",
        "email": "hanh@example.vn",
        "address": "Số 12 đường Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
    },
    {
        "number": "042088002222",
        "kind": AccountKind.CITIZEN,
        "full_name": "Trần Văn Bình",
        "birth_date": dt.date(1988, 9, 2),
        "phone": "0988002222",
        "email": "binh@example.vn",
        "address": "Thôn Trung, xã Thạch Khê, tỉnh Hà Tĩnh",
    },
    {
        "number": "3001234567",
        "kind": AccountKind.ORGANIZATION,
        "full_name": "Công ty TNHH Thương mại Hồng Lĩnh",
        "birth_date": None,
        "phone": "02393856789",
        "email": "lienhe@honglinh.example.vn",
        "address": "Số 5 đường Hà Huy Tập, phường Thành Sen, tỉnh Hà Tĩnh",
    },
]


@transaction.atomic
def citizens_load_demo() -> dict[str, int]:
    for fields in DEMO_IDENTITIES:
        identity, _created = LocalIdentity.objects.update_or_create(
            number=fields["number"], defaults={k: v for k, v in fields.items() if k != "number"}
        )
        if not identity.check_password(DEMO_PASSWORD):
            identity.set_password(DEMO_PASSWORD)
            identity.save(update_fields=["password"])
    return {"citizen_identities": len(DEMO_IDENTITIES)}
