"""``manage.py payment_link <dossier code> [--base https://…]``: print the signed link to a dossier's payment
page, to send to the applicant (docs/payments.md, "Access"). Until citizen accounts and notifications send it
themselves, staff send it by SMS or e-mail."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.payments.links import payment_link_path


class Command(BaseCommand):
    help = "Print the signed link to a dossier's online payment page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the dossier code")
        parser.add_argument("--base", default="", help="the site's address, e.g. https://motcua.example.vn")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(options["base"].rstrip("/") + payment_link_path(code=options["code"]))
