from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.localities.naming import address_split
from motcua.localities.selectors import Confidence, legacy_address_resolve


class Command(BaseCommand):
    help = (
        "Read an address written before 1/7/2025 on today's map, e.g. \"Xã Tân Lập, Huyện Đan Phượng, "
        'Thành phố Hà Nội". Accents and the words Tỉnh/Huyện/Xã... may be left out.'
    )

    def add_arguments(self, parser):
        parser.add_argument("address", help="Commune, district, province, separated by commas.")

    def handle(self, *args, address: str, **options):
        province, district, commune = address_split(address)
        if not province:
            raise CommandError(_("Give an address such as “Xã Tân Lập, Huyện Đan Phượng, Thành phố Hà Nội”."))
        result = legacy_address_resolve(province=province, district=district, commune=commune)
        lines = []
        if result.legacy_address:
            lines.append(_("Before 1/7/2025: %(address)s") % {"address": result.legacy_address})
        if result.new_address:
            lines.append(_("Since 1/7/2025: %(address)s") % {"address": result.new_address})
        lines.append(_("Confidence: %(label)s") % {"label": Confidence(result.confidence).label})
        lines.extend(f"- {note}" for note in result.notes)
        self.stdout.write("\n".join(lines))
        if result.confidence == Confidence.NOT_FOUND:
            raise CommandError(_("The address could not be resolved."))
