"""Tracking numbers in the UPU S10 shape: ``HS123456785VN``.

Two letters say what travels (``HS`` *hồ sơ*, a dossier picked up at home; ``KQ`` *kết quả*, a result
delivered), then an 8-digit serial, the S10 check digit and the country code. Serials come from one
counter row per prefix, taken with ``UPDATE … RETURNING`` so concurrent issuers queue on the row lock.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from .models import OrderKind, TrackingCounter

PREFIXES: dict[str, str] = {OrderKind.PICKUP: "HS", OrderKind.DELIVERY: "KQ"}
COUNTRY = "VN"
WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
SERIAL_LIMIT = 10**8


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of an 8-digit serial (UPU S10, weights 8 6 4 2 3 5 9 7, modulo 11)."""
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError(f"an S10 serial has 8 digits, not {serial!r}")
    check = 11 - sum(int(d) * w for d, w in zip(serial, WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check)


def tracking_number_format(*, prefix: str, number: int) -> str:
    serial = f"{number:08d}"
    return f"{prefix}{serial}{s10_check_digit(serial)}{COUNTRY}"


def tracking_number_issue(*, kind: OrderKind | str) -> str:
    """Take the next serial for ``kind`` and format the tracking number.

    Inside a caller's transaction the counter row stays locked until it commits (a rolled-back order
    gives its number back); alone, the increment commits at once.
    """
    prefix = PREFIXES[OrderKind(kind)]
    with transaction.atomic():
        number = _increment(prefix=prefix)
        if number is None:
            try:
                with transaction.atomic():
                    TrackingCounter.objects.create(prefix=prefix, last=1)
                number = 1
            except IntegrityError:  # a concurrent first issue created the row: take the next
                number = _increment(prefix=prefix)
    if number is None:  # pragma: no cover - the row exists by now
        raise RuntimeError("tracking number counter row missing")
    if number >= SERIAL_LIMIT:
        raise RuntimeError(f"tracking numbers {prefix} exhausted")
    return tracking_number_format(prefix=prefix, number=number)


def _increment(*, prefix: str) -> int | None:
    table = TrackingCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE prefix = %s RETURNING last",  # noqa: S608
            [prefix],
        )
        row = cursor.fetchone()
    return row[0] if row else None
