"""``manage.py pki_dev``: a development CA and one signing certificate per receiving point and per agency that
decides (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.agencies.models import Agency, AgencyKind, ReceivingPoint
from motcua.documents.pki import agency_unit, ca_cert_path, ensure_ca, ensure_unit, point_unit


class Command(BaseCommand):
    help = "Make the development CA and a PKCS#12 signing certificate per receiving point under DIGITIZATION_PKI_DIR."

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_ca()
        made = 0
        units = [point_unit(p) for p in [None, *ReceivingPoint.objects.select_related("operator").order_by("code")]]
        # The agencies that sign results, so a demo leader can sign one (`manage.py sign_result_dev`).
        deciding = Agency.objects.filter(kind__in=[AgencyKind.COMPETENT, AgencyKind.PEOPLES_COMMITTEE])
        units += [agency_unit(agency) for agency in deciding.order_by("code")]
        for unit in units:
            path, created = ensure_unit(unit)
            made += created
            if options["verbosity"] > 1:
                self.stdout.write(f"{'made' if created else 'kept'} {path}")
        self.stdout.write(
            f"Development PKI in {settings.DIGITIZATION_PKI_DIR}: {made} certificate(s) made; "
            f"trust root {ca_cert_path()}. Not for production."
        )
