"""``manage.py synth_dossiers N [--province CODE] [--year Y] [--seed S]``: bulk-load realistic synthetic dossiers for
benchmarks and demos (docs/operations.md, "Synthetic dossiers"). Rerunning the same command resumes the run."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from motcua.core.localtime import local_date
from motcua.dossiers.lifecycle import Channel
from motcua.synthetic.plan import DEFAULT_CHANNELS, SynthPlan, SynthRefused
from motcua.synthetic.write import SynthProgress, dossiers_synthesize

LARGEST_COUNT = 100_000_000


def _channels(text: str) -> tuple[tuple[str, float], ...]:
    """``counter=0.45,online=0.4,postal=0.15`` → the shares, refused when a name or a number is wrong."""
    shares: dict[str, float] = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        name = name.strip()
        try:
            share = float(value)
        except ValueError:
            share = -1.0
        if name not in Channel.values or not 0 <= share <= 1:
            raise CommandError(
                f"Tỷ lệ kênh không hợp lệ: {part!r}. / Bad channel share {part!r}: use counter=0.45,online=0.4,"
                "postal=0.15 (each between 0 and 1).",
                returncode=2,
            )
        shares[name] = share
    if not any(shares.values()):
        raise CommandError("Cần ít nhất một kênh có tỷ lệ dương. / At least one share must be positive.", returncode=2)
    return tuple((c, shares.get(c, 0.0)) for c in Channel.values)


class Command(BaseCommand):
    help = (
        "Bulk-load N synthetic dossiers with their papers, fees, steps and history for one province and year "
        "(needs load_demo's catalogue). Deterministic for a seed; rerun the same command to resume."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many dossiers.")
        parser.add_argument("--province", default="42", help="Province code (default 42, Hà Tĩnh).")
        parser.add_argument("--year", type=int, default=None, help="Year of reception (default: this year).")
        parser.add_argument("--seed", type=int, default=0, help="Seed: the same parameters give the same rows.")
        parser.add_argument("--batch-size", type=int, default=10_000, help="Dossiers per transaction (default 10000).")
        default = ",".join(f"{c}={s}" for c, s in DEFAULT_CHANNELS.items())
        parser.add_argument("--channels", default=default, help=f"Channel shares (default {default}).")
        parser.add_argument(
            "--max-batches", type=int, default=None, help="Stop after this many batches (resume later)."
        )
        parser.add_argument("--resume", action="store_true", help="Refuse unless an earlier run is being continued.")

    def handle(self, *args, count, province, year, seed, batch_size, channels, max_batches, resume, **options):
        if not 1 <= count <= LARGEST_COUNT or not 1 <= batch_size <= 1_000_000:
            raise CommandError(
                f"Số hồ sơ phải từ 1 đến {LARGEST_COUNT}, cỡ lô từ 1 đến 1000000. / The count must be from 1 to "
                f"{LARGEST_COUNT} and the batch size from 1 to 1000000.",
                returncode=2,
            )
        plan = SynthPlan(
            count=count,
            province=str(province),
            year=year or local_date().year,
            seed=seed,
            batch_size=batch_size,
            channels=_channels(channels),
        )
        try:
            written = dossiers_synthesize(plan=plan, max_batches=max_batches, progress=self._progress, resume=resume)
        except SynthRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if not written:
            self.stdout.write(f"run {plan.run_id}: all {plan.batches} batches were already written")
            return
        self.stdout.write(f"run {plan.run_id}: wrote batches {written[0] + 1}–{written[-1] + 1} of {plan.batches}")

    def _progress(self, step: SynthProgress) -> None:
        rate = step.dossiers_done / step.seconds if step.seconds else 0.0
        left = (step.dossiers_left / rate) if rate else 0.0
        sys.stderr.write(
            f"batch {step.batch}/{step.batches}: {step.dossiers_done} dossiers, {step.rows} rows in "
            f"{step.seconds:.1f} s ({rate:,.0f} dossiers/s, ETA {int(left // 60)}:{int(left % 60):02d})\n"
        )
