"""Run the simulated National Public Service Portal (:mod:`motcua.national.simulator`) until interrupted."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.national.adapters.simulated import portal_token
from motcua.national.simulator import PortalSimulator


class Command(BaseCommand):
    help = "Serve a simulated National Public Service Portal with its own store under var/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, required=True)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--fail-rate", type=float, default=0.0, help="share of requests answered 500 (0 to 1)")
        parser.add_argument("--down", action="store_true", help="drop every connection unanswered")
        parser.add_argument("--store", help="the JSON store (default: var/national_portal_sim.json)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0.0 <= options["fail_rate"] <= 1.0:
            raise CommandError("--fail-rate: a share from 0 to 1")
        if not 0 < options["port"] < 65536:
            raise CommandError("--port: from 1 to 65535")
        store = options["store"] or str(settings.VAR_DIR / "national_portal_sim.json")
        simulator = PortalSimulator(
            store=store, token=portal_token(), fail_rate=options["fail_rate"], down=options["down"]
        )
        self.stdout.write(f"simulated national portal on http://{options['host']}:{options['port']} (store {store})")
        try:
            simulator.serve_forever(host=options["host"], port=options["port"])
        except KeyboardInterrupt:
            self.stdout.write("stopped")
