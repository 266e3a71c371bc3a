"""``manage.py queue_simulate``: a simulated morning of queue tickets at a centre, through the real services.

    manage.py queue_simulate --point VNP.42.18073 --date 2026-12-02 --visitors 120 --seed 7
    manage.py queue_simulate --point VNP.42.18073 --date 02/12/2026 --visitors 200 --clerks 3 --replace

Visitors arrive between ``--start`` and ``--end`` (local times); the clerks serve everyone who came, then close
their counters. A day that already has tickets at the point is refused unless ``--replace``, which deletes that
day's tickets there first. The model is described in :mod:`motcua.tickets.simulate` and docs/queue.md.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.agencies.models import ReceivingPoint
from motcua.tickets.simulate import DayTaken, morning_simulate


def _day(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ / Not a date: {text[:20]!r} (YYYY-MM-DD or dd/mm/yyyy).")


def _time(text: str) -> time:
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise CommandError(f"Giờ không hợp lệ / Not a time: {text[:10]!r} (HH:MM).") from None


class Command(BaseCommand):
    help = "Simulate a morning of queue tickets at a centre (arrivals, calls, no-shows, transfers, ratings)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--point", required=True, help="Code of the receiving point (the centre).")
        parser.add_argument("--date", required=True, help="The day, YYYY-MM-DD (or dd/mm/yyyy).")
        parser.add_argument("--visitors", type=int, required=True, help="How many visitors arrive.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed: the same seed gives the same day.")
        parser.add_argument("--clerks", type=int, help="Clerks at counters (default: one per free counter).")
        parser.add_argument("--start", default="07:30", help="First arrival, HH:MM (default 07:30).")
        parser.add_argument("--end", default="11:30", help="Last arrival, HH:MM (default 11:30).")
        parser.add_argument("--replace", action="store_true", help="Delete the day's tickets at the point first.")

    def handle(self, *args: Any, **options: Any) -> None:
        code = str(options["point"]).replace("\x00", "").strip()[:40]
        point = ReceivingPoint.objects.filter(code=code).first()
        if point is None:
            raise CommandError(f"Không có điểm tiếp nhận / No receiving point with code {code!r}.")
        visitors = options["visitors"]
        if not 0 < visitors <= 100_000:
            raise CommandError("Số khách từ 1 đến 100000 / --visitors must be between 1 and 100000.")
        clerks = options["clerks"]
        if clerks is not None and not 0 < clerks <= 100:
            raise CommandError("Số nhân viên từ 1 đến 100 / --clerks must be between 1 and 100.")
        day, start, end = _day(options["date"]), _time(options["start"]), _time(options["end"])
        if end <= start:
            raise CommandError("Giờ kết thúc phải sau giờ bắt đầu / --end must be after --start.")
        try:
            result = morning_simulate(
                point=point,
                day=day,
                visitors=visitors,
                seed=options["seed"],
                clerks=clerks,
                start=start,
                end=end,
                replace=options["replace"],
                progress=lambda line: self.stdout.write(f"  {line}"),
            )
        except DayTaken:
            raise CommandError(
                f"Ngày {day:%d/%m/%Y} đã có số thứ tự tại {point.code}; thêm --replace để xóa và mô phỏng lại. / "
                f"{point.code} already has tickets on {day:%d/%m/%Y}; pass --replace to delete them first."
            ) from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{result.point} {result.day:%d/%m/%Y}: {result.visitors} visitors ({result.appointments} with an "
            f"appointment), {result.served} served, {result.no_shows} no-shows, {result.cancelled} cancelled, "
            f"{result.transfers} transfers, {result.ratings} ratings; mean wait {result.mean_wait:.1f} min, "
            f"{result.within_target:.0%} called within the target"
        )
