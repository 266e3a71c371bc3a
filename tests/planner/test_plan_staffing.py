"""``manage.py plan_staffing``: one JSON object, textbook Erlang C figures, percentages, bilingual refusals."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

COMMUNE = ["--arrivals-per-hour", "6", "--service-seconds", "600", "--target-wait-seconds", "900"]


def plan(*arguments: str) -> dict:
    out, err = StringIO(), StringIO()
    call_command("plan_staffing", *COMMUNE, *arguments, "--json", stdout=out, stderr=err)
    return json.loads(out.getvalue())


def test_evaluates_the_textbook_commune():
    two, three = plan("--servers", "2"), plan("--servers", "3")
    assert two["servers"] == 2
    assert two["p_wait"] == pytest.approx(1 / 3, abs=1e-9)
    assert two["service_level"] == pytest.approx(1 - math.exp(-1.5) / 3, abs=1e-9)  # 0.926
    assert two["asa_seconds"] == pytest.approx(200.0)
    assert two["p_abandon"] is None
    assert three["service_level"] >= 0.95


@pytest.mark.parametrize("level", ["0.95", "95", "95%", " 95 % "])
def test_service_level_reads_a_fraction_or_a_percentage(level):
    assert plan("--service-level", level)["servers"] == 3


def test_finds_the_published_call_centre_staffing():
    out = StringIO()
    call_command(
        "plan_staffing",
        "--arrivals-per-hour=200",
        "--service-seconds=180",
        "--target-wait-seconds=19.8",
        "--service-level=80",
        "--max-occupancy=0.85",
        "--shrinkage=0.3",
        "--json",
        stdout=out,
    )
    figures = json.loads(out.getvalue())
    assert (figures["servers"], figures["staff"]) == (14, 20)
    assert figures["service_level"] == pytest.approx(0.888, abs=1e-3)


def test_patience_gives_the_abandonment():
    figures = plan("--servers", "2", "--patience-seconds", "600")
    assert 0 < figures["p_abandon"] < figures["p_wait"] < 1


def test_too_few_counters_print_an_unstable_plan_with_the_warning():
    figures = plan("--servers", "1")
    assert figures["stable"] is False
    assert figures["asa_seconds"] is None
    assert " / " in figures["warning"]


@pytest.mark.parametrize(
    ("arguments", "english"),
    [
        (["--servers", "2", "--patience-seconds", "-5"], "The mean patience must be longer than 0 seconds."),
        (["--service-level", "abc"], "“service_level” must be a finite number."),
        (["--service-level", "100"], "The service level must be more than 0 and less than 1"),
        (["--servers", "1.5"], "The number of counters must be a whole number, 0 or more."),
        (["--service-level", "80", "--shrinkage", "1"], "The shrinkage must be at least 0 and less than 1."),
    ],
)
def test_bad_input_stops_with_the_bilingual_message(arguments, english):
    with pytest.raises(CommandError) as caught:
        call_command("plan_staffing", *COMMUNE, *arguments, "--json", stdout=StringIO())
    vietnamese, _, rest = str(caught.value).partition(" / ")
    assert rest.startswith(english)
    assert vietnamese and vietnamese != rest


def test_bad_input_exits_non_zero_without_a_traceback():
    root = Path(__file__).resolve().parents[2]
    command = [sys.executable, str(root / "manage.py"), "plan_staffing", *COMMUNE[:3], "0", COMMUNE[4], COMMUNE[5]]
    done = subprocess.run(
        [*command, "--servers", "2", "--json"],
        capture_output=True,
        text=True,
        cwd=root,
        env={"DJANGO_SETTINGS_MODULE": "motcua.conf.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Thời gian phục vụ phải lớn hơn 0 giây. / The service time must be longer than 0 seconds." in done.stderr
